package org.workcell.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.workcell.bench.DisplayBench;
import org.workcell.bench.DisplaySessionsBench;
import org.workcell.bench.PhoneTraces;
import org.workcell.cli.CliException;
import org.workcell.cli.Folders;
import org.workcell.cli.Output;
import org.workcell.display.EncoderOptions;
import org.workcell.host.HostException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "display", mixinStandardHelpOptions = true,
        description = {"Encodes screen recordings with the remote-display encoder (lossless, without the host's hints), checks every",
                "decoded frame pixel for pixel, and encodes the same frames with ffmpeg's x264 (ultrafast, zerolatency, crf 23).",
                "Without --frames it first records four traces from a phone run in this process: scrolling the mail inbox, typing",
                "a note, switching between apps, and moving between pages inside apps (which slide in over a dimming page).",
                "Prints per trace and overall: bytes, encode time per frame (mean, p99, CPU) and the ratios to x264's.",
                "With --sessions N it instead starts N sandboxed phones, serves their display socket on loopback, connects a viewer",
                "(decoding and acknowledging every frame) to each, and taps once a second per session (open Notes, go back); prints",
                "input-to-frame latency (p50, p99: from TOUCH DOWN/UP to the first frame that changed the screen below the status bar)",
                "and bytes a second per session."})
public final class DisplayBenchCommand implements Callable<Integer> {
    /** The targets: at most this share of x264's bytes and of its encode time per frame. */
    private static final double TARGET_RATIO = 0.3;
    /** The latency targets with 50 active sessions. */
    private static final double TARGET_P50_MS = 5;
    private static final double TARGET_P99_MS = 16;

    @Spec
    CommandSpec spec;

    @Option(names = "--frames", paramLabel = "DIR", description = "PNG frames named 00000.png, 00001.png, … (or folders of them, one trace each).")
    Path frames;

    @Option(names = "--work", description = "Work folder, kept: the recorded traces and x264's output (default: a temporary folder, removed afterwards).")
    Path work;

    @Option(names = "--ffmpeg", defaultValue = "/usr/bin/ffmpeg", description = "ffmpeg with libx264 to compare with (default: ${DEFAULT-VALUE}).")
    Path ffmpeg;

    @Option(names = "--tile", defaultValue = "64", description = "Tile size (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--level", description = "zlib level, 1 to 9 (default: the encoder's).")
    Integer level;

    @Option(names = "--sessions", paramLabel = "N", description = "Measure input-to-frame latency with N concurrent viewers of N phones instead.")
    Integer sessions;

    @Option(names = "--seconds", defaultValue = "20", description = "With --sessions: how long to tap (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (sessions != null) {
            return sessions();
        }
        EncoderOptions options;
        try {
            options = EncoderOptions.LOSSLESS.withTileSize(tile);
            if (level != null) {
                options = options.withDeflateLevel(level);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        if (frames != null && !Files.isDirectory(frames)) {
            throw new CliException("--frames " + frames + " is not a folder");
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("workcell-bench-display");
        String ffmpegPath = Files.isExecutable(ffmpeg) ? ffmpeg.toString() : null;
        if (ffmpegPath == null) {
            System.err.println("ffmpeg not found at " + ffmpeg + "; measuring Workcell only (apt-get install ffmpeg to compare)");
        }
        try {
            List<Path> traces;
            if (frames != null) {
                traces = DisplayBench.traces(frames);
            } else {
                System.err.println("recording phone traces…");
                traces = PhoneTraces.record(dir.resolve("traces"), System.err);
            }
            DisplayBench.Result r = DisplayBench.run(new DisplayBench.Options(traces, options, ffmpegPath, dir, System.err));
            Map<String, Object> doc = figures(r.overall());
            if (r.overall().bytesRatio() != null) {
                doc.put("bytesTargetMet", r.overall().bytesRatio() <= TARGET_RATIO && r.overall().lossless());
                doc.put("timeTargetMet", r.overall().timeRatio() <= TARGET_RATIO);
            }
            doc.put("x264", "libx264 " + String.join(" ", DisplayBench.X264.subList(2, DisplayBench.X264.size())));
            Map<String, Object> encoder = new LinkedHashMap<>();
            encoder.put("tileSize", options.tileSize());
            encoder.put("deflateLevel", options.deflateLevel());
            encoder.put("cacheSlots", options.cacheSlots());
            encoder.put("lossy", options.lossy());
            doc.put("encoder", encoder);
            List<Map<String, Object>> perTrace = new ArrayList<>();
            for (DisplayBench.Figures f : r.traces()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("name", f.name());
                t.putAll(figures(f));
                perTrace.add(t);
            }
            doc.put("traces", perTrace);
            if (json) {
                Output.json(spec.commandLine().getOut(), doc);
            } else {
                for (DisplayBench.Figures f : r.traces()) {
                    print(f);
                }
                print(r.overall());
                spec.commandLine().getOut().flush();
            }
        } finally {
            if (work == null) {
                Folders.deleteTree(dir);
            }
        }
        return 0;
    }

    private int sessions() throws Exception {
        if (sessions < 1 || sessions > 1000 || seconds < 1) {
            throw new CliException("--sessions must be 1 to 1000, --seconds at least 1");
        }
        if (frames != null) {
            throw new CliException("--sessions measures live phones; it takes no --frames");
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("workcell-bench-sessions");
        try {
            DisplaySessionsBench.Result r;
            try {
                r = DisplaySessionsBench.run(new DisplaySessionsBench.Options(sessions, Duration.ofSeconds(seconds), 1,
                        Runtime.getRuntime().availableProcessors(), null, dir, System.err));
            } catch (IllegalArgumentException | HostException e) {
                throw new CliException(e.getMessage());
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("sessions", r.sessions());
            doc.put("p50Ms", Output.rounded(r.p50Ms(), 2));
            doc.put("p99Ms", Output.rounded(r.p99Ms(), 2));
            doc.put("bytesPerSecondPerSession", Math.round(r.bytesPerSecondPerSession()));
            doc.put("maxMs", Output.rounded(r.maxMs(), 2));
            doc.put("worstSessionP99Ms", Output.rounded(r.worstSessionP99Ms(), 2));
            doc.put("framesPerSecondPerSession", Output.rounded(r.framesPerSecondPerSession(), 2));
            doc.put("taps", r.taps());
            doc.put("tapsWithoutFrame", r.tapsWithoutFrame());
            doc.put("tapsSkipped", r.tapsSkipped());
            doc.put("seconds", Output.rounded(r.seconds(), 1));
            doc.put("targetMet", r.tapsWithoutFrame() == 0 && r.tapsSkipped() == 0 && r.p50Ms() <= TARGET_P50_MS && r.p99Ms() <= TARGET_P99_MS);
            doc.put("isolation", r.isolation());
            doc.put("cores", r.cores());
            Output.figures(spec.commandLine().getOut(), doc, json);
        } finally {
            if (work == null) {
                Folders.deleteTree(dir);
            }
        }
        return 0;
    }

    private static Map<String, Object> figures(DisplayBench.Figures f) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("frames", f.frames());
        doc.put("bytes", f.bytes());
        doc.put("encodeMsMean", round(f.encodeMsMean()));
        doc.put("encodeMsP99", round(f.encodeMsP99()));
        doc.put("encodeCpuMsMean", round(f.encodeCpuMsMean()));
        doc.put("lossless", f.lossless());
        doc.put("x264Bytes", f.x264Bytes());
        doc.put("x264EncodeMsMean", round(f.x264EncodeMsMean()));
        doc.put("x264EncodeCpuMsMean", round(f.x264EncodeCpuMsMean()));
        doc.put("bytesRatio", round(f.bytesRatio()));
        doc.put("timeRatio", round(f.timeRatio()));
        doc.put("cpuTimeRatio", round(f.cpuTimeRatio()));
        return doc;
    }

    private void print(DisplayBench.Figures f) {
        spec.commandLine().getOut().printf("%-8s %4d frames  %,11d bytes  %6.2f ms/frame (p99 %6.2f, cpu %5.2f)  lossless %-5s", f.name(),
                f.frames(), f.bytes(), f.encodeMsMean(), f.encodeMsP99(), f.encodeCpuMsMean(), f.lossless());
        if (f.x264Bytes() != null) {
            spec.commandLine().getOut().printf("  x264 %,11d bytes  %6.2f ms/frame (cpu %5.2f)  bytes ×%.2f  time ×%.2f (cpu ×%.2f)", f.x264Bytes(),
                    f.x264EncodeMsMean(), f.x264EncodeCpuMsMean(), f.bytesRatio(), f.timeRatio(), f.cpuTimeRatio());
        }
        spec.commandLine().getOut().println();
    }

    /** Three decimals; null where x264 was not run. */
    private static Double round(Double v) {
        return Output.rounded(v, 3);
    }
}
