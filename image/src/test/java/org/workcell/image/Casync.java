package org.workcell.image;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's casync, the reference reader and writer of the formats Workcell's store uses. */
final class Casync {
    private static final Path BINARY = Path.of("/usr/bin/casync");

    private Casync() {}

    /** Runs {@code casync args...} in {@code dir}; a non-zero exit fails the test with casync's output. */
    static String run(Path dir, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            // Not skipped: CI installs casync, and interop that is never checked is not interop.
            fail("casync is needed for the interop tests: apt-get install casync");
        }
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes(); // returns when casync exits and closes its end
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("casync " + String.join(" ", args) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail("casync " + String.join(" ", args) + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
