package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/** Host to phone: a lifecycle command; the phone answers with a {@link LifecycleState}. */
public record Lifecycle(Command command) implements Message {
    /** Wire values are the ordinals: append only. */
    public enum Command {
        RESUME, PAUSE, SAVE, STOP
    }

    public Lifecycle {
        Checks.notNull(command, "Lifecycle.command");
    }
}
