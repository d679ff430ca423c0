package org.workcell.cli.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.workcell.bench.CheckinBench;
import org.workcell.cli.CliException;
import org.workcell.cli.Output;
import org.workcell.core.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "checkin", mixinStandardHelpOptions = true,
        description = {"Drives signed device check-ins at a server and reports throughput and latency.",
                "Without --server it starts its own server process on a fresh PostgreSQL database and removes both afterwards."})
public final class CheckinBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--server", description = "A running server to drive (its admin password from WORKCELL_ADMIN_PASSWORD or --admin-password-stdin).")
    String server;

    @Option(names = "--admin-user", defaultValue = "admin", description = "Admin to set up the benchmark's devices with (default: ${DEFAULT-VALUE}).")
    String adminUser;

    @Option(names = "--admin-password-stdin", description = "Read the admin password from standard input.")
    boolean passwordStdin;

    @Option(names = "--pg-admin-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
            description = "PostgreSQL to make the benchmark's database in (default: ${DEFAULT-VALUE}).")
    String pgAdminUrl;

    @Option(names = "--devices", defaultValue = "200", description = "Devices to enrol (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--concurrency", defaultValue = "32", description = "Check-ins in flight in the closed-loop phase (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "20s", description = "Warm-up before measuring, long enough for the server to compile its hot path (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--duration", defaultValue = "10s", description = "Length of each measured phase (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--rate", defaultValue = "500", description = "Check-ins per second in the latency phase (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;


    @Override
    public Integer call() throws Exception {
        if (devices < 1 || devices > 100_000 || concurrency < 1 || rate < 1 || rate > 1_000_000) {
            throw new CliException("--devices must be 1..100000, --concurrency at least 1, --rate 1..1000000");
        }
        Duration warm = duration("--warmup", warmup);
        Duration measure = duration("--duration", duration);
        if (measure.toSeconds() < 1) {
            throw new CliException("--duration must be at least 1s");
        }
        PrintStream progress = System.err;
        if (server != null) {
            String password = password();
            return report(CheckinBench.run(new CheckinBench.Options(server, adminUser, password, devices, concurrency, warm, measure, rate, progress)), "given");
        }
        progress.println("starting a server on a fresh PostgreSQL database…");
        try (BenchServer own = BenchServer.start(pgAdminUrl)) {
            return report(CheckinBench.run(new CheckinBench.Options(own.url(), "admin", own.adminPassword(), devices, concurrency,
                    warm, measure, rate, progress)), "postgresql");
        }
    }

    private String password() throws java.io.IOException {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException("no password on standard input");
            }
            return line;
        }
        String env = System.getenv("WORKCELL_ADMIN_PASSWORD");
        if (env == null || env.isEmpty()) {
            throw new CliException("give the admin password with --admin-password-stdin or WORKCELL_ADMIN_PASSWORD");
        }
        return env;
    }

    private int report(CheckinBench.Result result, String database) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("checkinsPerSecond", result.checkinsPerSecond());
            doc.put("p50Ms", result.p50Ms());
            doc.put("p99Ms", result.p99Ms());
            doc.put("latencyAtRate", result.latencyAtRate());
            doc.put("achievedRate", result.achievedRate());
            doc.put("closedLoopP50Ms", result.closedLoopP50Ms());
            doc.put("closedLoopP99Ms", result.closedLoopP99Ms());
            doc.put("devices", result.devices());
            doc.put("concurrency", concurrency);
            doc.put("errors", result.errors());
            doc.put("leasesVerified", result.leasesVerified());
            doc.put("server", server != null ? server : "own process");
            doc.put("database", database);
            Output.json(spec.commandLine().getOut(), doc);
        } else {
            var out = spec.commandLine().getOut();
            out.printf("check-ins/s (closed loop, %d in flight): %.0f (p50 %.2f ms, p99 %.2f ms)%n", concurrency,
                    result.checkinsPerSecond(), result.closedLoopP50Ms(), result.closedLoopP99Ms());
            out.printf("at %d/s: p50 %.2f ms, p99 %.2f ms (achieved %.0f/s)%n", result.latencyAtRate(), result.p50Ms(), result.p99Ms(), result.achievedRate());
            out.printf("errors: %d; leases verified: %d%n", result.errors(), result.leasesVerified());
            out.flush();
        }
        return result.errors() == 0 ? 0 : CliException.FAILURE;
    }

    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(option + ": " + e.getMessage());
        }
    }

}
