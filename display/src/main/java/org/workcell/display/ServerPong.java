package org.workcell.display;

/** The answer to a PING, carrying its 32 bits back. */
public record ServerPong(int value) implements ServerMessage {
}
