/**
 * The remote display: what a cloud phone's screen and the user's browser say to each other over
 * one WebSocket. The server sends pixels ({@link org.workcell.display.FrameEncoder}, one per
 * connected browser) and a few status messages ({@link org.workcell.display.ServerMessages}); the
 * browser sends input ({@link org.workcell.display.ClientMessages}, parsed strictly). The browser's
 * side is {@code org/workcell/display/web/display-protocol.js} in this module's resources; the
 * Java {@link org.workcell.display.FrameDecoder} does the same for tests and Java clients.
 *
 * <h2>Messages</h2>
 * Each is one binary WebSocket message; the first byte is its type. Integers are unsigned and
 * big-endian ({@code u8}, {@code u16}, {@code u24}, {@code u32}); a {@code str} is a {@code u16}
 * byte count and that many bytes of strict UTF-8 (no overlong forms, no surrogates). A message must
 * end exactly at its last field: one that is shorter or longer than its type allows, has an
 * unknown type or a value out of range is refused ({@link org.workcell.display.DisplayProtocolException}).
 * Client messages are at most {@value org.workcell.display.DisplayProtocol#MAX_CLIENT_MESSAGE_BYTES} bytes.
 *
 * <table>
 * <caption>Server to browser</caption>
 * <tr><th>type</th><th>message</th><th>fields after the type</th></tr>
 * <tr><td>0x01</td><td>WELCOME</td><td>u8 version (1), u16 width, u16 height, u16 densityDpi, u8 flags
 *     (bit 0: copies on the phone reach the browser's clipboard; bit 1: watermark on; other bits 0),
 *     str watermark (1 to 256 bytes when bit 1 is set, else empty)</td></tr>
 * <tr><td>0x02</td><td>FRAME</td><td>see below</td></tr>
 * <tr><td>0x03</td><td>STATUS</td><td>u8 code ({@link org.workcell.display.DisplayStatus}: 1 starting,
 *     2 taken over, 3 phone stopped, 4 session expired, 5 disabled, 6 locked), str text (at most 1024 bytes)</td></tr>
 * <tr><td>0x04</td><td>PONG</td><td>u32 value of the PING it answers</td></tr>
 * <tr><td>0x05</td><td>CLIPBOARD</td><td>str text (line breaks allowed)</td></tr>
 * </table>
 *
 * <table>
 * <caption>Browser to server</caption>
 * <tr><th>type</th><th>message</th><th>fields after the type</th></tr>
 * <tr><td>0x81</td><td>HELLO</td><td>u8 minVersion, u8 maxVersion (1 &le; min &le; max), u16 viewport width,
 *     u16 viewport height (device pixels, 1 to 8192), u16 dpi (1 to 4096)</td></tr>
 * <tr><td>0x82</td><td>TOUCH</td><td>u8 action (0 down, 1 move, 2 up, 3 cancel), u8 pointer (below 32),
 *     u16 x, u16 y (below 8192; the server checks them against the screen)</td></tr>
 * <tr><td>0x83</td><td>KEY</td><td>u8 action (0 down, 1 up), u32 code (a named key 1 to 16 or a printable
 *     code point, as the phone channel's {@code Keys}), u8 modifiers (bits: 1 shift, 2 ctrl, 4 alt, 8 meta)</td></tr>
 * <tr><td>0x84</td><td>TEXT</td><td>str text: 1 to 4096 characters, no control characters, at most 4093 bytes</td></tr>
 * <tr><td>0x85</td><td>RESIZE</td><td>u16 width, u16 height (1 to 8192), u16 dpi (1 to 4096)</td></tr>
 * <tr><td>0x86</td><td>ACK</td><td>u32 frame: that FRAME is drawn; the server keeps one frame in flight</td></tr>
 * <tr><td>0x87</td><td>PING</td><td>u32 value, any</td></tr>
 * </table>
 *
 * <h2>FRAME</h2>
 * <pre>
 * u8  0x02
 * u32 frame            numbered from 1 by the encoder, wrapping after 2^32 - 1; ACK returns it
 * u16 width, height    the screen size; a new size means the browser reallocates (black) and the
 *                      frame covers the whole screen
 * u32 bodyLength       the body's inflated size, at most 4 * width * height + 65536
 * u32 deflatedLength
 * deflatedLength bytes the body, deflated
 * the rest             the JPEG tiles' bytes, in the order of the body's JPEG commands, nothing else
 * </pre>
 * A frame with nothing to change has both lengths 0 and no deflated bytes.
 *
 * <p><b>One zlib stream per connection.</b> The deflated bytes of every frame continue one zlib
 * stream (RFC 1950: the first frame's bytes start with its two-byte header) that the encoder
 * flushes at the end of each frame with a sync flush, whose final four bytes {@code 00 00 FF FF}
 * are left off the wire: the decoder appends them before inflating. Browsers inflate it with one
 * {@code DecompressionStream('deflate')} kept for the connection. Frames must therefore be decoded
 * in order, none skipped; a decoder that refused one cannot go on (the connection must be opened
 * again, with a new encoder). One stream lets a frame refer back to the last 32 KiB of earlier ones,
 * and costs no stream or block set-up per frame.
 *
 * <p><b>Body.</b>
 * <pre>
 * u8  n                   palette changes, then n times: u8 slot (below 255), u24 colour
 * u32 commandBytes, then that many bytes of commands
 * u32 planeBytes, then the index plane: one byte per pixel of the PIXELS commands, in command order,
 *                         row by row: a palette slot, or 255 for an escaped colour
 * the rest                escaped colours: u24 0xRRGGBB per index 255 in the plane, in plane order
 * </pre>
 * The palette belongs to the connection: 255 slots that keep their colours from frame to frame and
 * that each frame changes only where it needs new colours (the encoder puts a frame's most frequent
 * missing colours in the slots least recently used). An index naming a slot no frame has filled is
 * refused. The plane and escapes must be used up exactly by the commands.
 *
 * <p><b>Commands</b> run in order; each starts with its kind. All areas have a width and height of
 * at least 1 and lie inside the screen; colours are u24 {@code 0xRRGGBB}.
 * <table>
 * <caption>Commands</caption>
 * <tr><th>kind</th><th>command</th><th>fields</th><th>effect</th></tr>
 * <tr><td>0</td><td>COPY</td><td>u16 x, y, width, height, fromX, fromY</td><td>copies the area at
 *     (fromX, fromY) to (x, y), reading the screen as it was before this command (areas may overlap):
 *     scrolls and slides</td></tr>
 * <tr><td>1</td><td>FILL</td><td>u16 x, y, width, height, u24 colour</td><td>one colour</td></tr>
 * <tr><td>2</td><td>PIXELS</td><td>u16 x, y, width, height</td><td>width * height pixels from the
 *     index plane (and escapes)</td></tr>
 * <tr><td>3</td><td>RAW</td><td>u16 x, y, width, height, then width * height * 3 bytes</td><td>pixels
 *     R, G, B, each byte the difference (mod 256) from the same channel of the pixel to the left; the
 *     first pixel of a row from the first pixel of the row above, the very first from black</td></tr>
 * <tr><td>4</td><td>JPEG</td><td>u16 x, y, width, height, u32 length</td><td>the next {@code length}
 *     bytes of the message's JPEG part, a baseline JPEG of exactly width x height (only when the encoder
 *     may be lossy)</td></tr>
 * <tr><td>5</td><td>CACHED</td><td>u16 slot, u16 x, y</td><td>draws the tile kept in cache slot
 *     {@code slot} (its own size) at (x, y)</td></tr>
 * <tr><td>6</td><td>STORE</td><td>u16 slot, u16 x, y, width, height</td><td>keeps the area as the
 *     screen is now in cache slot {@code slot} (below 1024), replacing what it held; all slots together
 *     hold at most 4,194,304 pixels</td></tr>
 * <tr><td>7</td><td>KEEP</td><td>u16 x, y, width, height</td><td>copies the area of the screen as it is now
 *     to the same place in the reference picture</td></tr>
 * <tr><td>8</td><td>REMAP</td><td>u16 x, y, width, height, fromX, fromY, u8 source, then 768 bytes of tables</td>
 *     <td>like COPY, but from the screen as it was before this command (source 0) or from the reference
 *     picture (source 1; any other value is refused), each channel of each pixel passing through its own
 *     table: new red = R[old red], green = G[old green], blue = B[old blue]. The tables are R, G, B, 256
 *     entries each, every entry sent as its difference (mod 256) from the entry before it in the same
 *     table, the first from 0: a page sliding aside while it dims or fades</td></tr>
 * </table>
 * The reference picture is as large as the screen, black at first and whenever a frame brings a new
 * size; only KEEP changes it. It lets a page that dims more every frame be remapped from how it
 * looked before it started to dim, which no dimmed copy of it can give exactly.
 *
 * <h2>How the encoder uses it</h2>
 * Without hints ({@link org.workcell.display.FrameEncoder#encodeFrame}) the encoder first looks for
 * one vertical scroll or horizontal slide in the changed band, from hashes of its rows or columns,
 * and sends it as a COPY; with the host's hints ({@link org.workcell.display.FrameEncoder#encode})
 * the host's copies and fills pass through. The rest of the damage is cut into tiles (64 x 64 by
 * default), and each changed tile sends the bounding box of its changed pixels: FILL when one colour,
 * CACHED when the whole tile's content is in the browser's cache, else its one-colour rows as FILLs
 * (fills are merged with their neighbours) and the other rows as PIXELS, or RAW when they hold more
 * than 256 colours (JPEG instead, when allowed, if the tile also changed in two of the three frames
 * before; such a tile is sent again losslessly once it holds still, and so is wherever a COPY moved
 * its pixels). A tile enters the cache with STORE once it held still for a frame, so the frames of
 * an animation do not evict screens that come back.
 *
 * <p>Beside that one move (or in the whole band when there is none), a lossless encoder looks for
 * content that slid sideways (or stayed) and changed colour: column keys made of "brighter, darker or
 * the same as above" survive dimming, so they vote for the offset, from the reference picture and from
 * the screen; tables built from sampled pixels turn one into the other. When few sampled pixels
 * disagree, the area goes out as a REMAP, and the tiles send what it still got wrong. A remap from the
 * screen is first put in the reference with KEEP when a COPY runs before it in the frame, or when its
 * tables are exact (the page before it started to dim), so the next frames remap from that again.
 */
package org.workcell.display;
