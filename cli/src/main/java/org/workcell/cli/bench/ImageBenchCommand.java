package org.workcell.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.workcell.bench.ImageBench;
import org.workcell.cli.CliException;
import org.workcell.cli.Folders;
import org.workcell.cli.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Builds, fetches and updates a synthetic image, and does the same with Debian's casync in the same run.",
                "Prints build throughput (both), verified fetch throughput over loopback (fetchColdMBps: first fetch in the process; fetchMBps: the third,",
                "after the JIT has warmed up), and the bytes an update changing 1% transfers (both)."})
public final class ImageBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--size-mib", defaultValue = "1024", description = "Image size in MiB (default: ${DEFAULT-VALUE}).")
    int sizeMib;

    @Option(names = "--work", description = "Work folder (default: a temporary folder, removed afterwards).")
    Path work;

    @Option(names = "--casync", defaultValue = "/usr/bin/casync", description = "casync to compare with (default: ${DEFAULT-VALUE}).")
    Path casync;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (sizeMib < 8 || sizeMib > 64 * 1024) {
            throw new CliException("--size-mib must be from 8 to 65536");
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("workcell-bench-image");
        String casyncPath = Files.isExecutable(casync) ? casync.toString() : null;
        if (casyncPath == null) {
            System.err.println("casync not found at " + casync + "; measuring Workcell only (apt-get install casync to compare)");
        }
        try {
            ImageBench.Result r = ImageBench.run(new ImageBench.Options((long) sizeMib << 20, dir, casyncPath, System.err));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("buildMBps", r.buildMBps());
            doc.put("casyncBuildMBps", r.casyncBuildMBps());
            doc.put("fetchMBps", r.fetchMBps());
            doc.put("fetchColdMBps", r.fetchColdMBps());
            doc.put("changedBytes", r.changedBytes());
            doc.put("deltaBytes", r.deltaBytes());
            doc.put("casyncDeltaBytes", r.casyncDeltaBytes());
            doc.put("imageBytes", r.imageBytes());
            doc.put("files", r.files());
            doc.put("chunks", r.chunks());
            Output.figures(spec.commandLine().getOut(), doc, json);
        } finally {
            if (work == null) {
                Folders.deleteTree(dir);
            }
        }
        return 0;
    }
}
