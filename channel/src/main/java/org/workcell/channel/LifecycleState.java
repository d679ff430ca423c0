package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/** Phone to host: the phone's lifecycle state, reported on every change and after each {@link Lifecycle} command. */
public record LifecycleState(State state) implements Message {
    /** Wire values are the ordinals: append only. */
    public enum State {
        STARTED, RESUMED, PAUSED, SAVED, STOPPING
    }

    public LifecycleState {
        Checks.notNull(state, "LifecycleState.state");
    }
}
