package org.workcell.display;

import org.workcell.channel.ChannelLimits;

/**
 * Version, message types and limits of the remote-display protocol. The wire format is described
 * in this package's {@code package-info.java}.
 */
public final class DisplayProtocol {
    /** The one version this implementation speaks. */
    public static final int VERSION = 1;

    /**
     * The browser's side, as a class path resource: one plain script (a page's {@code <script>} or a
     * worker's {@code importScripts}) that defines {@code self.WorkcellDisplay}.
     */
    public static final String BROWSER_SCRIPT = "/org/workcell/display/web/display-protocol.js";

    // Server to client.
    public static final int WELCOME = 0x01;
    public static final int FRAME = 0x02;
    public static final int STATUS = 0x03;
    public static final int PONG = 0x04;
    public static final int CLIPBOARD = 0x05;

    // Client to server: the top bit set, so a message sent the wrong way is always an unknown type.
    public static final int HELLO = 0x81;
    public static final int TOUCH = 0x82;
    public static final int KEY = 0x83;
    public static final int TEXT = 0x84;
    public static final int RESIZE = 0x85;
    public static final int ACK = 0x86;
    public static final int PING = 0x87;

    /** The largest client message; a server refuses (and need not read) anything longer. */
    public static final int MAX_CLIENT_MESSAGE_BYTES = 4096;
    /** Largest screen or viewport side, as the phone channel's. */
    public static final int MAX_DIMENSION = ChannelLimits.DEFAULT.maxWidth();
    /** Largest density, as the phone channel's. */
    public static final int MAX_DENSITY_DPI = 4096;
    /** Most characters in one TEXT, as the phone channel's {@code Text}. */
    public static final int MAX_TEXT_CHARS = ChannelLimits.DEFAULT.maxTextChars();
    public static final int MAX_WATERMARK_BYTES = 256;
    public static final int MAX_STATUS_BYTES = 1024;
    public static final int MAX_CLIPBOARD_BYTES = 0xFFFF;
    /** Tile cache: slot numbers are below this. */
    public static final int MAX_CACHE_SLOTS = 1024;
    /** Tile cache: the pixels of all filled slots together never exceed this (16 MiB as RGBA). */
    public static final int MAX_CACHE_PIXELS = 1024 * 64 * 64;

    private DisplayProtocol() {
    }

    /**
     * The largest inflated body of a FRAME for a {@code width x height} screen: raw pixels of the
     * whole screen take three bytes each, and an encoder's headers stay far below one byte per pixel.
     */
    public static long maxFrameBody(int width, int height) {
        return 4L * width * height + 65_536;
    }
}
