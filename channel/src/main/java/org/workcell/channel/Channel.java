package org.workcell.channel;

/** Constants of the host-phone channel; see the package documentation for the protocol. */
public final class Channel {
    /** Protocol version carried in {@link Hello} and {@link Welcome}. */
    public static final int VERSION = 1;

    private Channel() {
    }
}
