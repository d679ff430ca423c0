package org.workcell.channel;

/** Host to phone: show the lock screen until the next {@link Unlock}. */
public record Lock() implements Message {
}
