package org.workcell.channel;

/**
 * Which way a message travels. A reader or writer given a direction rejects messages that never
 * travel that way (a phone sending {@link Welcome}, say); without one it accepts every type.
 */
public enum Direction {
    PHONE_TO_HOST,
    HOST_TO_PHONE
}
