package org.workcell.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.channel.Key;
import org.workcell.channel.Keys;
import org.workcell.channel.Touch;

/**
 * The browser's decoder, run for real in headless Chromium: a page embedding display-protocol.js
 * and messages made by the Java side decodes them, and the test reads the result over Chromium's
 * DevTools protocol. Skipped where Chromium is not installed ({@code .ci/run} installs it).
 */
class BrowserDecoderTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void chromium() {
        assumeTrue(Files.isExecutable(Chromium.EXECUTABLE), "Chromium is not installed at " + Chromium.EXECUTABLE);
    }

    @Test
    void theBrowserDrawsEveryFramePixelForPixelAsTheJavaDecoder() throws Exception {
        Random r = new Random(20_260_302);
        int checked = 0;
        for (int session = 0; session < 4; session++) {
            EncoderOptions options = session == 0 ? EncoderOptions.LOSSLESS : Screens.randomOptions(r);
            try (FrameEncoder encoder = new FrameEncoder(options); FrameDecoder decoder = new FrameDecoder()) {
                // One page per session: a decoder holds its connection's zlib stream, palette and cache.
                List<byte[]> frames = new ArrayList<>();
                List<String> hashes = new ArrayList<>();
                for (Screens.Screen s : Screens.session(r, 25, session == 0 ? 360 : 150)) {
                    byte[] m = encoder.encodeFrame(s.rgb(), s.width(), s.height());
                    decoder.apply(m);
                    assertThat(decoder.pixels()).isEqualTo(s.rgb());
                    frames.add(m);
                    hashes.add(sha256(decoder.pixels()));
                }
                String result = run("frames-" + session, framesScript(frames, false));
                assertThat(result).isEqualTo(String.join(",", hashes));
                checked += hashes.size();
            }
        }
        assertThat(checked).isEqualTo(100);
    }

    /** Page transitions: KEEP, and REMAP from the reference and from the screen, as the Java decoder draws them. */
    @Test
    void theBrowserRemapsPixelForPixelAsTheJavaDecoder() throws Exception {
        Random r = new Random(4);
        List<Screens.Screen> session = new ArrayList<>(Screens.transition(r, 200, 120, 12));
        session.addAll(Screens.session(r, 20, 150));
        session.addAll(Screens.transition(r, 96, 180, 9));
        List<byte[]> frames = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            for (Screens.Screen s : session) {
                frames.add(encoder.encodeFrame(s.rgb(), s.width(), s.height()));
                decoder.apply(frames.getLast());
                assertThat(decoder.pixels()).isEqualTo(s.rgb());
                hashes.add(sha256(decoder.pixels()));
            }
        }
        assertThat(TestFrames.commands(frames)).as("the session uses the commands under test")
                .contains(new TestFrames.Command(7, -1), new TestFrames.Command(8, 1));
        assertThat(run("remap", framesScript(frames, false))).isEqualTo(String.join(",", hashes));
        // Source 0 (the screen, overlapping its own destination) comes from a frame made by hand, on a connection of its own.
        assertThat(run("remap-by-hand", framesScript(List.of(RemapFrames.valid()), false))).isEqualTo(sha256(RemapFrames.validPixels()));
    }

    @Test
    void jpegTilesDrawCloseToJavasAndExactOnceStill() throws Exception {
        int w = 128;
        int h = 96;
        List<byte[]> frames = new ArrayList<>();
        int[] last = null;
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS.withTileSize(32).withLossy(80))) {
            for (int f = 0; f < 6; f++) {
                last = photo(w, h, f * 7);
                frames.add(encoder.encodeFrame(last, w, h));
            }
            frames.add(encoder.encodeFrame(last, w, h));
        }
        String[] results = run("jpeg", framesScript(frames, true)).split(",");
        int[] changing = rgb(results[results.length - 2], w * h);
        int[] still = rgb(results[results.length - 1], w * h);
        double error = 0;
        for (int i = 0; i < last.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                error += Math.abs((changing[i] >>> shift & 0xFF) - (photo(w, h, 35)[i] >>> shift & 0xFF));
            }
        }
        assertThat(error / (3.0 * last.length)).as("mean error while changing").isLessThan(8);
        assertThat(still).isEqualTo(last);
    }

    /** The script also works in a worker (here made from its text: Chromium lets a file page start no worker from a file). */
    @Test
    void aWorkerDecodesFramesJpegTilesIncluded() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        Random r = new Random(11);
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS.withTileSize(32).withLossy(90)); FrameDecoder decoder = new FrameDecoder()) {
            for (Screens.Screen s : Screens.session(r, 12, 120)) {
                frames.add(encoder.encodeFrame(s.rgb(), s.width(), s.height()));
                decoder.apply(frames.getLast());
            }
            for (int f = 0; f < 5; f++) {
                frames.add(encoder.encodeFrame(photo(96, 64, f * 9), 96, 64));
                decoder.apply(frames.getLast());
            }
            frames.add(encoder.encodeFrame(photo(96, 64, 36), 96, 64)); // held still: sent again exactly
            decoder.apply(frames.getLast());
            hashes.add(sha256(decoder.pixels()));
        }
        assertThat(frames).as("frames with JPEG tiles").anyMatch(f -> f.length > 17 + java.nio.ByteBuffer.wrap(f).getInt(13));
        String library;
        try (InputStream in = DisplayProtocol.class.getResourceAsStream(DisplayProtocol.BROWSER_SCRIPT)) {
            library = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String worker = library + """
                self.onmessage = async (e) => {
                  try {
                    const decoder = new self.WorkcellDisplay.FrameDecoder();
                    for (const m of e.data) {
                      await decoder.apply(m);
                    }
                    const digest = await crypto.subtle.digest('SHA-256', decoder.pixels);
                    self.postMessage(Array.from(new Uint8Array(digest), (x) => x.toString(16).padStart(2, '0')).join(''));
                  } catch (err) {
                    self.postMessage('FAILED ' + err.name + ': ' + err.message);
                  }
                };
                """;
        StringBuilder list = new StringBuilder();
        for (byte[] f : frames) {
            list.append('\'').append(Base64.getEncoder().encodeToString(f)).append("',\n");
        }
        String script = """
                const source = %s;
                const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
                const worker = new Worker(URL.createObjectURL(new Blob([source], {type: 'text/javascript'})));
                const answer = new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
                worker.postMessage([%s].map(fromB64));
                return await answer;
                """.formatted(jsString(worker), list);
        assertThat(run("worker", script)).isEqualTo(hashes.getFirst());
    }

    private static String jsString(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\'' -> b.append("\\'");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    @Test
    void messagesTravelBothWaysBetweenTheBrowserAndJava() throws Exception {
        String script = """
                const W = self.WorkcellDisplay;
                const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
                const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
                const out = [W.hello(1, 1, 1080, 2340, 480), W.touch(W.TouchAction.MOVE, 2, 700, 1500),
                  W.key(W.KeyAction.DOWN, 0x1F600, W.Modifiers.CTRL | W.Modifiers.SHIFT), W.key(W.KeyAction.UP, W.Keys.BACK, 0),
                  W.text('Grüße \\u{1F600}'), W.resize(720, 1560, 320), W.ack(4294967295), W.ping(7)].map(hex);
                const parsed = [%s].map((m) => W.parseServerMessage(fromB64(m)));
                const refused = [];
                for (const bad of [() => W.touch(4, 0, 0, 0), () => W.text('a\\nb'), () => W.text('\\uD800'), () => W.key(0, 17, 0),
                    () => W.ack(-1), () => W.parseServerMessage(new Uint8Array([4, 0, 0, 0])), () => W.parseServerMessage(new Uint8Array([9]))]) {
                  try { bad(); refused.push('accepted'); } catch (e) { refused.push(e.name); }
                }
                return JSON.stringify({out, parsed, refused});
                """.formatted(String.join(",", List.of(
                        ServerMessages.welcome(720, 1560, 320, true, "ana@acme.example · Confidential"),
                        ServerMessages.status(DisplayStatus.TAKEN_OVER, "Signed in on another device"),
                        ServerMessages.pong(-2),
                        ServerMessages.clipboard("two\nlines")).stream().map(b -> "'" + Base64.getEncoder().encodeToString(b) + "'").toList()));
        String json = run("messages", script);
        List<String> written = new ArrayList<>();
        Matcher m = Pattern.compile("\"([0-9a-f]+)\"").matcher(json.substring(0, json.indexOf("\"parsed\"")));
        while (m.find()) {
            written.add(m.group(1));
        }
        assertThat(written.stream().map(h -> ClientMessages.parse(HexFormat.of().parseHex(h))).toList()).containsExactly(
                new ClientHello(1, 1, 1080, 2340, 480), new ClientTouch(Touch.Action.MOVE, 2, 700, 1500),
                new ClientKey(Key.KeyAction.DOWN, 0x1F600, Keys.CTRL | Keys.SHIFT), new ClientKey(Key.KeyAction.UP, Keys.BACK, 0),
                new ClientText("Grüße \uD83D\uDE00"), new ClientResize(720, 1560, 320), new ClientAck(0xFFFF_FFFFL), new ClientPing(7));
        assertThat(json).contains("""
                {"type":"welcome","version":1,"width":720,"height":1560,"densityDpi":320,"clipboardOut":true,"watermark":"ana@acme.example · Confidential"}""");
        assertThat(json).contains("""
                {"type":"status","code":2,"name":"TAKEN_OVER","text":"Signed in on another device"}""");
        assertThat(json).contains("{\"type\":\"pong\",\"value\":4294967294}", "{\"type\":\"clipboard\",\"text\":\"two\\nlines\"}");
        assertThat(json).contains("\"refused\":[\"RangeError\",\"RangeError\",\"RangeError\",\"RangeError\",\"RangeError\",\"ProtocolError\",\"ProtocolError\"]");
    }

    @Test
    void damagedFramesAreRefusedWithAProtocolErrorAndTheDecoderStops() throws Exception {
        List<byte[]> good = new ArrayList<>();
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS)) {
            for (Screens.Screen s : Screens.session(new Random(5), 3, 64)) {
                good.add(encoder.encodeFrame(s.rgb(), s.width(), s.height()));
            }
        }
        List<byte[]> cases = new ArrayList<>();
        cases.add(java.util.Arrays.copyOf(good.get(0), good.get(0).length - 3)); // cut short
        byte[] flipped = good.get(0).clone();
        flipped[20] ^= 0x55; // inside the zlib stream
        cases.add(flipped);
        byte[] tooWide = good.get(0).clone();
        tooWide[5] = 0x20; // width 8192 and more
        cases.add(tooWide);
        cases.add(good.get(1)); // the first frame never arrived: the stream does not line up
        byte[] longer = good.get(0).clone();
        java.nio.ByteBuffer.wrap(longer).putInt(9, java.nio.ByteBuffer.wrap(longer).getInt(9) + 1); // a body longer than the stream holds: refused, not waited for
        cases.add(longer);
        cases.addAll(RemapFrames.invalid());
        String script = """
                const W = self.WorkcellDisplay;
                const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
                const names = [];
                for (const m of [%s]) {
                  const decoder = new W.FrameDecoder();
                  try { await decoder.apply(fromB64(m)); names.push('accepted'); } catch (e) { names.push(e.name); }
                  try { await decoder.apply(fromB64(m)); names.push('accepted'); } catch (e) { names.push(e.message.includes('reconnect') ? 'stopped' : e.name); }
                }
                return names.join(',');
                """.formatted(String.join(",", cases.stream().map(b -> "'" + Base64.getEncoder().encodeToString(b) + "'").toList()));
        assertThat(run("damaged", script)).isEqualTo(String.join(",", java.util.Collections.nCopies(cases.size(), "ProtocolError,stopped")));
    }

    /** Random damage to a first frame: applied, or refused with a ProtocolError; never another error, never a hang. */
    @Test
    void randomlyDamagedFramesAreAppliedOrRefusedCleanly() throws Exception {
        Random r = new Random(77);
        List<byte[]> cases = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            try (FrameEncoder encoder = new FrameEncoder(i % 4 == 0 ? EncoderOptions.LOSSLESS.withLossy(70) : EncoderOptions.LOSSLESS)) {
                Screens.Screen s = Screens.fresh(r, 80);
                cases.add(TestMessages.mutate(r, encoder.encodeFrame(s.rgb(), s.width(), s.height())));
            }
        }
        String script = """
                const W = self.WorkcellDisplay;
                const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
                const names = new Set();
                for (const m of [%s]) {
                  try { await new W.FrameDecoder().apply(fromB64(m)); names.add('accepted'); } catch (e) { names.add(e.name); }
                }
                return [...names].filter((n) => n !== 'accepted').join(',');
                """.formatted(String.join(",", cases.stream().map(b -> "'" + Base64.getEncoder().encodeToString(b) + "'").toList()));
        assertThat(run("random-damage", script)).isEqualTo("ProtocolError");
    }

    /** Applies the frames in order; returns per frame the SHA-256 of the RGBA pixels, or with {@code pixels} their RGB in base64. */
    private static String framesScript(List<byte[]> frames, boolean pixels) {
        StringBuilder list = new StringBuilder();
        for (byte[] f : frames) {
            list.append('\'').append(Base64.getEncoder().encodeToString(f)).append("',\n");
        }
        return """
                const W = self.WorkcellDisplay;
                const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
                const decoder = new W.FrameDecoder();
                const results = [];
                for (const m of [%s]) {
                  const d = await decoder.apply(fromB64(m));
                  if (d.width !== decoder.width || decoder.pixels.length !== d.width * d.height * 4) throw new Error('size');
                  if (%s) {
                    const rgb = new Uint8Array(d.width * d.height * 3);
                    for (let i = 0, j = 0; i < decoder.pixels.length; i += 4) {
                      if (decoder.pixels[i + 3] !== 255) throw new Error('alpha');
                      rgb[j++] = decoder.pixels[i]; rgb[j++] = decoder.pixels[i + 1]; rgb[j++] = decoder.pixels[i + 2];
                    }
                    let text = '';
                    for (let i = 0; i < rgb.length; i += 4096) text += String.fromCharCode(...rgb.subarray(i, i + 4096));
                    results.push(btoa(text));
                  } else {
                    const digest = await crypto.subtle.digest('SHA-256', decoder.pixels);
                    results.push(Array.from(new Uint8Array(digest), (x) => x.toString(16).padStart(2, '0')).join(''));
                  }
                }
                return results.join(',');
                """.formatted(list, pixels);
    }

    /** Runs {@code body} (the inside of an async function) in a page with the protocol script; returns what it returned. */
    private String run(String name, String body) throws IOException, InterruptedException {
        String library;
        try (InputStream in = DisplayProtocol.class.getResourceAsStream(DisplayProtocol.BROWSER_SCRIPT)) {
            library = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // A file page, as a secure context (crypto.subtle); the test's promise is kept for DevTools to await.
        String page = """
                <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
                <script>%s</script>
                <script>window.result = (async () => { %s })();</script></body></html>
                """.formatted(library, body);
        Path file = dir.resolve(name + ".html");
        Files.writeString(file, page);
        return Chromium.evaluate(file, dir.resolve("profile-" + name), """
                (async () => {
                  if (location.protocol !== 'file:') {
                    // Still the blank page Chromium starts with: wait for ours to replace it (DevTools then asks again).
                    await new Promise(() => {});
                  }
                  if (document.readyState !== 'complete') {
                    await new Promise((loaded) => window.addEventListener('load', loaded, {once: true}));
                  }
                  return await window.result;
                })()""");
    }

    private static String sha256(int[] rgb) throws NoSuchAlgorithmException {
        byte[] rgba = new byte[rgb.length * 4];
        for (int i = 0; i < rgb.length; i++) {
            rgba[4 * i] = (byte) (rgb[i] >>> 16);
            rgba[4 * i + 1] = (byte) (rgb[i] >>> 8);
            rgba[4 * i + 2] = (byte) rgb[i];
            rgba[4 * i + 3] = (byte) 0xFF;
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rgba));
    }

    private static int[] rgb(String base64, int pixels) {
        byte[] b = Base64.getDecoder().decode(base64);
        assertThat(b).hasSize(pixels * 3);
        int[] out = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            out[i] = (b[3 * i] & 0xFF) << 16 | (b[3 * i + 1] & 0xFF) << 8 | (b[3 * i + 2] & 0xFF);
        }
        return out;
    }

    /** Smooth, many-coloured, different for each {@code phase}: JPEG material. */
    private static int[] photo(int w, int h, int phase) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int red = 128 + (int) (100 * Math.sin((x + phase) / 13.0));
                int green = 128 + (int) (100 * Math.cos((y + phase) / 11.0));
                int blue = (x + y + phase) % 200 + 20;
                px[y * w + x] = red << 16 | green << 8 | blue;
            }
        }
        return px;
    }
}
