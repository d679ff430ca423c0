/**
 * The one local channel between a host and its phone process. The host starts the phone with
 * stdin/stdout pipes and this protocol runs over them; it runs over any
 * {@link java.io.InputStream}/{@link java.io.OutputStream} pair (a Unix domain socket, say).
 * Write with {@link org.workcell.channel.ChannelWriter}, read with
 * {@link org.workcell.channel.ChannelReader}; both enforce {@link org.workcell.channel.ChannelLimits}.
 * The phone's logs go to stderr, never onto the channel.
 *
 * <h2>Framing</h2>
 * Each message is a u32 big-endian length (of type byte + body, at least 1, at most
 * {@code maxMessageBytes}), a u8 type, and the body. All integers are big-endian; {@code i32} and
 * {@code i64} are two's complement, {@code u32} unsigned. A {@code str} is a u32 byte count and
 * strict UTF-8; {@code bytes} is a u32 count and the bytes; an enum is a u8 ordinal; a bool is a u8,
 * 0 or 1. A message must end exactly at its last field. An unknown type, a short or long body, or an
 * out-of-range field is a {@link org.workcell.channel.ChannelException}; end of stream exactly
 * between messages makes {@code read()} return null.
 *
 * <h2>Messages</h2>
 * <table>
 * <caption>Message types</caption>
 * <tr><th>type</th><th>message</th><th>direction</th><th>body</th></tr>
 * <tr><td>0x01</td><td>{@link org.workcell.channel.Hello}</td><td>phone → host, first</td>
 *     <td>i32 version, i32 width, i32 height, i32 densityDpi, str imageVersion</td></tr>
 * <tr><td>0x02</td><td>{@link org.workcell.channel.FrameUpdate}</td><td>phone → host</td>
 *     <td>i64 frame, u32 count, count × rect</td></tr>
 * <tr><td>0x03</td><td>{@link org.workcell.channel.GatewayRequest}</td><td>phone → host</td>
 *     <td>i64 id, bytes body</td></tr>
 * <tr><td>0x04</td><td>{@link org.workcell.channel.LifecycleState}</td><td>phone → host</td>
 *     <td>u8 state (STARTED, RESUMED, PAUSED, SAVED, STOPPING)</td></tr>
 * <tr><td>0x05</td><td>{@link org.workcell.channel.Clipboard}</td><td>phone → host</td><td>str text</td></tr>
 * <tr><td>0x41</td><td>{@link org.workcell.channel.Welcome}</td><td>host → phone, answers Hello</td>
 *     <td>i32 version, str phoneId, str user, bytes containerPrivateKeyPkcs8</td></tr>
 * <tr><td>0x42</td><td>{@link org.workcell.channel.Touch}</td><td>host → phone</td>
 *     <td>u8 action (DOWN, MOVE, UP, CANCEL), i32 pointer, i32 x, i32 y, i64 timeMillis</td></tr>
 * <tr><td>0x43</td><td>{@link org.workcell.channel.Key}</td><td>host → phone</td>
 *     <td>u8 action (DOWN, UP), i32 code ({@link org.workcell.channel.Keys}), i32 modifiers</td></tr>
 * <tr><td>0x44</td><td>{@link org.workcell.channel.Text}</td><td>host → phone</td><td>str text</td></tr>
 * <tr><td>0x45</td><td>{@link org.workcell.channel.Resize}</td><td>host → phone, and back as the phone's confirmation</td>
 *     <td>i32 width, i32 height, i32 densityDpi</td></tr>
 * <tr><td>0x46</td><td>{@link org.workcell.channel.Lifecycle}</td><td>host → phone</td>
 *     <td>u8 command (RESUME, PAUSE, SAVE, STOP)</td></tr>
 * <tr><td>0x47</td><td>{@link org.workcell.channel.Policy}</td><td>host → phone</td><td>str json</td></tr>
 * <tr><td>0x48</td><td>{@link org.workcell.channel.Status}</td><td>host → phone</td><td>str json</td></tr>
 * <tr><td>0x49</td><td>{@link org.workcell.channel.FrameAck}</td><td>host → phone</td><td>i64 frame</td></tr>
 * <tr><td>0x4A</td><td>{@link org.workcell.channel.GatewayResponse}</td><td>host → phone</td>
 *     <td>i64 id, i32 status, bytes body</td></tr>
 * <tr><td>0x4B</td><td>{@link org.workcell.channel.Unlock}</td><td>host → phone</td><td>empty</td></tr>
 * <tr><td>0x4C</td><td>{@link org.workcell.channel.Lock}</td><td>host → phone</td><td>empty</td></tr>
 * <tr><td>0x4D</td><td>{@link org.workcell.channel.Disabled}</td><td>host → phone</td>
 *     <td>bool disabled, str reason</td></tr>
 * </table>
 *
 * <p>A rect is a u8 kind, then i32 x, y, width, height, then: kind 0
 * {@link org.workcell.channel.CopyRect}: i32 fromX, fromY; kind 1
 * {@link org.workcell.channel.FillRect}: i32 rgb; kind 2 {@link org.workcell.channel.PixelsRect}:
 * width × height i32 pixels, row-major. Colours are {@code 0xRRGGBB} (top byte zero). Every rect,
 * and a copy's source, lies inside the display of the latest Hello or Resize on the same stream.
 *
 * <h2>Conversation</h2>
 * <ol>
 * <li>The phone sends Hello; the host answers Welcome (if the version is not one it speaks, it
 *     closes the channel), then Policy and Status, and sends them again whenever they change.</li>
 * <li>Display: the phone sends a FrameUpdate (the first one a full repaint) and waits for the
 *     FrameAck of that frame before the next, merging damage meanwhile: one frame in flight.</li>
 * <li>Resize: the host sends Resize; the phone switches, sends the same Resize back, then a full
 *     frame at the new size. Frames the host reads in between are still at the old size.</li>
 * <li>Input: Touch, Key and Text whenever the user acts; the phone ignores points outside its
 *     display. Lifecycle commands are answered by LifecycleState.</li>
 * <li>Gateway: GatewayRequest and GatewayResponse pair up by id; several may be outstanding.</li>
 * <li>Lock/Unlock drive the lock screen for the host's PIN gate; Disabled shows or hides the
 *     "work phone disabled" overlay.</li>
 * </ol>
 *
 * <p>Limits ({@link org.workcell.channel.ChannelLimits#DEFAULT}): message 64 MiB, display
 * 8192 × 8192, 65536 rects per frame, 4096 chars for ids, names, Text and reasons,
 * 16 × that for Policy, Status and Clipboard, 16 MiB gateway bodies, 1 KiB keys.
 */
package org.workcell.channel;
