package org.workcell.display;

/**
 * A message from the server to the browser other than a FRAME (frames go to a {@link FrameDecoder}).
 * Records check their values and throw {@link IllegalArgumentException}.
 */
public sealed interface ServerMessage permits ServerWelcome, ServerStatus, ServerPong, ServerClipboard {
}
