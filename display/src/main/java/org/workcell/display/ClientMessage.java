package org.workcell.display;

/**
 * A message from the browser to the server. The records check their values on construction and
 * throw {@link IllegalArgumentException}; {@link ClientMessages#parse} turns every problem into a
 * {@link DisplayProtocolException}.
 */
public sealed interface ClientMessage permits ClientHello, ClientTouch, ClientKey, ClientText, ClientResize, ClientAck, ClientPing {
}
