package org.workcell.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.workcell.display.EncoderOptions;
import org.workcell.display.FrameDecoder;
import org.workcell.display.FrameEncoder;

/**
 * Encodes recorded screens (PNG frames) the way a browser connection would get them, without the
 * host's hints ({@link FrameEncoder#encodeFrame}), decodes every frame again and checks it pixel
 * for pixel against the source; and encodes the same frames with ffmpeg's x264 in the same run.
 *
 * <p>Timing. Ours: the wall time of each {@code encodeFrame} call, and the CPU time of the thread
 * making it (the encoder uses one), after one untimed pass over every trace so the JIT has compiled
 * the encoder, as in a long-running server; the better of two measured passes. x264's: ffmpeg's own
 * {@code -benchmark} real time for encoding the PNGs minus its real time for only reading and
 * decoding them ({@code -f null}), per frame, the better of two runs each; x264 runs its default
 * threads (all cores). Its CPU time (user plus system, the same subtraction) is reported too: on a
 * machine shared with other work, CPU times vary less than wall times.
 */
public final class DisplayBench {
    /** The x264 settings compared with: its fastest, low-latency preset at its default quality. */
    public static final List<String> X264 = List.of("-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-crf", "23");

    /**
     * @param traces  folders of PNG frames named {@code 00000.png}, {@code 00001.png}, … (ffmpeg's {@code %05d})
     * @param ffmpeg  the ffmpeg to compare with, or null to measure Workcell only
     */
    public record Options(List<Path> traces, EncoderOptions encoder, String ffmpeg, Path workDir, PrintStream progress) {}

    /** Figures for one trace, or for all of them together. */
    public record Figures(String name, int frames, long bytes, double encodeMsMean, double encodeMsP99, double encodeCpuMsMean,
                          boolean lossless, Long x264Bytes, Double x264EncodeMsMean, Double x264EncodeCpuMsMean) {
        /** Our bytes over x264's. */
        public Double bytesRatio() {
            return x264Bytes == null ? null : (double) bytes / x264Bytes;
        }

        /** Our encode time per frame over x264's (real time). */
        public Double timeRatio() {
            return x264EncodeMsMean == null ? null : encodeMsMean / x264EncodeMsMean;
        }

        /** Our CPU time per frame over x264's. */
        public Double cpuTimeRatio() {
            return x264EncodeCpuMsMean == null ? null : encodeCpuMsMean / x264EncodeCpuMsMean;
        }
    }

    public record Result(Figures overall, List<Figures> traces) {}

    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

    private DisplayBench() {}

    public static Result run(Options o) throws IOException, InterruptedException {
        List<List<Path>> frames = new ArrayList<>();
        for (Path trace : o.traces()) {
            frames.add(frames(trace));
        }
        o.progress().println("warming up the encoder on every trace…");
        for (List<Path> f : frames) {
            encode(f, o.encoder(), null, null);
        }
        List<Figures> results = new ArrayList<>();
        List<long[]> allTimes = new ArrayList<>();
        List<long[]> allCpu = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) {
            String name = o.traces().get(t).getFileName().toString();
            List<Path> f = frames.get(t);
            o.progress().printf("%s: %d frames; encoding and checking every decoded frame…%n", name, f.size());
            long[] times = null;
            long[] cpu = null;
            long bytes = 0;
            boolean lossless = true;
            for (int pass = 0; pass < 2; pass++) {
                long[] passTimes = new long[f.size()];
                long[] passCpu = new long[f.size()];
                boolean[] exact = {true};
                long passBytes = encode(f, o.encoder(), new long[][] {passTimes, passCpu}, exact);
                if (times == null || Arrays.stream(passTimes).sum() < Arrays.stream(times).sum()) {
                    times = passTimes;
                    cpu = passCpu;
                }
                bytes = passBytes;
                lossless &= exact[0];
            }
            allTimes.add(times);
            allCpu.add(cpu);
            X264 x = null;
            if (o.ffmpeg() != null) {
                o.progress().printf("%s: the same frames with x264…%n", name);
                x = x264(o.ffmpeg(), o.traces().get(t), f.size(), o.workDir().resolve(name + ".h264"));
            }
            results.add(figures(name, f.size(), bytes, times, cpu, lossless, x));
        }
        long[] all = allTimes.stream().flatMapToLong(Arrays::stream).toArray();
        long[] allCpuTimes = allCpu.stream().flatMapToLong(Arrays::stream).toArray();
        boolean withX264 = o.ffmpeg() != null;
        Figures overall = new Figures("overall", all.length, results.stream().mapToLong(Figures::bytes).sum(), mean(all), p99(all),
                mean(allCpuTimes), results.stream().allMatch(Figures::lossless),
                withX264 ? results.stream().mapToLong(Figures::x264Bytes).sum() : null,
                withX264 ? results.stream().mapToDouble(r -> r.x264EncodeMsMean() * r.frames()).sum() / all.length : null,
                withX264 ? results.stream().mapToDouble(r -> r.x264EncodeCpuMsMean() * r.frames()).sum() / all.length : null);
        return new Result(overall, results);
    }

    /**
     * Encodes the frames with a new encoder, as one connection; with {@code times}, also times each
     * encode (wall and thread CPU nanoseconds) and decodes every frame to compare it with its source
     * ({@code exact[0]} false on any difference). Returns the bytes sent.
     */
    private static long encode(List<Path> frames, EncoderOptions options, long[][] times, boolean[] exact) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bytes = 0;
        try (FrameEncoder encoder = new FrameEncoder(options); FrameDecoder decoder = new FrameDecoder()) {
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage image = ImageIO.read(frames.get(i).toFile());
                if (image == null) {
                    throw new IOException(frames.get(i) + " is not an image ImageIO reads");
                }
                int w = image.getWidth();
                int h = image.getHeight();
                int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
                for (int p = 0; p < rgb.length; p++) {
                    rgb[p] &= 0xFFFFFF;
                }
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                byte[] message = encoder.encodeFrame(rgb, w, h);
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                bytes += message.length;
                if (times != null) {
                    times[0][i] = t1 - t0;
                    times[1][i] = c1 - c0;
                    decoder.apply(message);
                    exact[0] &= Arrays.equals(decoder.pixels(), rgb);
                }
            }
        }
        return bytes;
    }

    private record X264(long bytes, double encodeMs, double encodeCpuMs) {}

    /** x264's output size, and its encode time per frame: encoding minus only reading the PNGs, each the faster of two runs. */
    private static X264 x264(String ffmpeg, Path trace, int frames, Path out) throws IOException, InterruptedException {
        List<String> input = List.of("-f", "image2", "-framerate", "30", "-i", trace.resolve("%05d.png").toString());
        List<String> encode = new ArrayList<>(input);
        encode.addAll(X264);
        encode.addAll(List.of("-f", "h264", out.toString()));
        List<String> decodeOnly = new ArrayList<>(input);
        decodeOnly.addAll(List.of("-f", "null", "-"));
        double[] enc = fastest(ffmpeg, encode);
        double[] dec = fastest(ffmpeg, decodeOnly);
        return new X264(Files.size(out), Math.max(0, enc[1] - dec[1]) * 1000 / frames, Math.max(0, enc[0] - dec[0]) * 1000 / frames);
    }

    /** CPU seconds (user plus system) and real seconds of the faster of two runs, as ffmpeg's -benchmark reports them. */
    private static double[] fastest(String ffmpeg, List<String> args) throws IOException, InterruptedException {
        double[] best = null;
        for (int run = 0; run < 2; run++) {
            List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-benchmark", "-y"));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("ffmpeg failed: " + String.join(" ", command) + "\n" + output.lines().reduce("", (a, b) -> b));
            }
            Matcher m = BENCH.matcher(output);
            if (!m.find()) {
                throw new IOException("ffmpeg printed no -benchmark line");
            }
            double[] times = {Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
            if (best == null || times[1] < best[1]) {
                best = times;
            }
        }
        return best;
    }

    /** The trace's frames in order; they must be named as ffmpeg's {@code %05d.png} from 00000 on. */
    private static List<Path> frames(Path trace) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(trace)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no PNG frames in " + trace);
        }
        for (int i = 0; i < files.size(); i++) {
            if (!files.get(i).getFileName().toString().equals(String.format("%05d.png", i))) {
                throw new IOException(trace + ": frames must be named 00000.png, 00001.png, … without gaps; found "
                        + files.get(i).getFileName());
            }
        }
        return files;
    }

    /** The folders of PNG frames under {@code dir}: itself if it holds frames, else its subfolders that do, by name. */
    public static List<Path> traces(Path dir) throws IOException {
        if (Files.exists(dir.resolve("00000.png"))) {
            return List.of(dir);
        }
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> traces = list.filter(p -> Files.exists(p.resolve("00000.png"))).sorted().toList();
            if (traces.isEmpty()) {
                throw new IOException(dir + " holds neither frames (00000.png, …) nor folders of them");
            }
            return traces;
        }
    }

    private static Figures figures(String name, int frames, long bytes, long[] times, long[] cpu, boolean lossless, X264 x) {
        return new Figures(name, frames, bytes, mean(times), p99(times), mean(cpu), lossless, x == null ? null : x.bytes(),
                x == null ? null : x.encodeMs(), x == null ? null : x.encodeCpuMs());
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }

    /** The 99th percentile by the nearest-rank method. */
    private static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)] / 1e6;
    }
}
