package org.workcell.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.workcell.bench.DensityBench;
import org.workcell.cli.CliException;
import org.workcell.cli.Folders;
import org.workcell.cli.Output;
import org.workcell.host.HostException;
import org.workcell.host.Isolation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "density", mixinStandardHelpOptions = true,
        description = {"Starts N sandboxed phones on this machine's host, taps on M of them while the rest idle, and prints",
                "memory per phone (proportional set size), the machine's memory used, start time to the first frame (p50, p99),",
                "the idle phones' CPU as a share of the machine (awake for 10 s: idleAwakeCpuPercent; then suspended by the host, as it does",
                "to phones nobody looks at, while the others are tapped: idleCpuPercent), tap-to-frame latency (p50, p99; after one untimed",
                "opening of the app per phone), and resume: from attaching a viewer to a suspended phone until it has answered a tap."})
public final class DensityBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--phones", defaultValue = "200", description = "Phones to start (default: ${DEFAULT-VALUE}).")
    int phones;

    @Option(names = "--active", defaultValue = "20", description = "Phones to tap on (default: ${DEFAULT-VALUE}).")
    int active;

    @Option(names = "--seconds", defaultValue = "30", description = "How long to tap (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--taps-per-second", defaultValue = "1", description = "Taps per active phone per second (default: ${DEFAULT-VALUE}).")
    double tapsPerSecond;

    @Option(names = "--start-concurrency", description = "Phones starting at once (default: the number of cores).")
    Integer startConcurrency;

    @Option(names = "--isolation", description = "bubblewrap or unshare (default: the strongest this machine offers).")
    String isolation;

    @Option(names = "--work", description = "Work folder (default: a temporary folder, removed afterwards).")
    Path work;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (phones < 1 || phones > 2000 || active < 0 || active > phones || seconds < 1) {
            throw new CliException("--phones must be 1 to 2000, --active 0 to --phones, --seconds at least 1");
        }
        Isolation chosen = null;
        if (isolation != null) {
            chosen = switch (isolation) {
                case "bubblewrap" -> Isolation.BUBBLEWRAP;
                case "unshare" -> Isolation.UNSHARE;
                default -> throw new CliException("--isolation must be bubblewrap or unshare");
            };
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("workcell-bench-density");
        try {
            DensityBench.Result r;
            try {
                r = DensityBench.run(new DensityBench.Options(phones, active, Duration.ofSeconds(seconds), tapsPerSecond,
                        startConcurrency != null ? startConcurrency : Runtime.getRuntime().availableProcessors(), chosen, dir, System.err));
            } catch (IllegalArgumentException | HostException e) {
                throw new CliException(e.getMessage());
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("phones", r.phones());
            doc.put("pssMBPerPhone", round(r.pssMBPerPhone()));
            doc.put("totalMemoryMB", r.totalMemoryMB());
            doc.put("startP50Ms", round(r.startP50Ms()));
            doc.put("startP99Ms", round(r.startP99Ms()));
            doc.put("idleCpuPercent", round(r.idleCpuPercent()));
            doc.put("tapToFrameP50Ms", round(r.tapToFrameP50Ms()));
            doc.put("tapToFrameP99Ms", round(r.tapToFrameP99Ms()));
            doc.put("idleAwakeCpuPercent", round(r.idleAwakeCpuPercent()));
            doc.put("resumeP50Ms", round(r.resumeP50Ms()));
            doc.put("resumeP99Ms", round(r.resumeP99Ms()));
            doc.put("active", r.active());
            doc.put("rssMBPerPhone", round(r.rssMBPerPhone()));
            doc.put("taps", r.taps());
            doc.put("tapsWithoutFrame", r.tapsWithoutFrame());
            doc.put("isolation", r.isolation());
            doc.put("limits", r.limits());
            doc.put("cores", r.cores());
            Output.figures(spec.commandLine().getOut(), doc, json);
        } finally {
            if (work == null) {
                Folders.deleteTree(dir);
            }
        }
        return 0;
    }

    /** Two decimals; null where nothing was measured, as for tap latency with no active phone. */
    private static Double round(double v) {
        return Output.rounded(v, 2);
    }
}
