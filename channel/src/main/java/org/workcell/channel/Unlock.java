package org.workcell.channel;

/** Host to phone: the user passed the host's PIN gate; the phone hides its lock screen. */
public record Unlock() implements Message {
}
