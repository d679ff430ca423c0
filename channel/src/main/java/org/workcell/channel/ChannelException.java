package org.workcell.channel;

import java.io.IOException;

/**
 * The peer broke the protocol (bad framing, unknown type, out-of-range field, truncated message),
 * or a message to be written does not fit the limits. A reader or writer that threw one is unusable:
 * the stream position is no longer known, so every later call throws again.
 */
public class ChannelException extends IOException {
    private static final long serialVersionUID = 1L;

    public ChannelException(String message) {
        super(message);
    }

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
