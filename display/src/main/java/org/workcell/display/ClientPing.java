package org.workcell.display;

/** Asks for a PONG with the same 32 bits, which the browser uses to measure the round trip. */
public record ClientPing(int value) implements ClientMessage {
}
