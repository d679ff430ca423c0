package org.workcell.host.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter in Debian's bubblewrap, as the host uses it: the program file opened on fd 3 and
 * passed with {@code --seccomp 3}. Every denial is paired with the same command without the filter,
 * so that a filter that denies nothing (or a sandbox that denies everything anyway) fails the test.
 */
class SeccompFilterBubblewrapTest {

  private static final Path BWRAP = Path.of("/usr/bin/bwrap");
  private static final String BWRAP_ARGS =
      "bwrap --ro-bind / / --dev /dev --proc /proc --unshare-all --die-with-parent";

  @TempDir static Path dir;
  private static Path filterFile;
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @BeforeAll
  static void writeFilter() {
    assumeTrue(Files.isExecutable(BWRAP), "bubblewrap is not installed");
    filterFile = SeccompFilter.forCurrentArchitecture().writeTo(dir);
  }

  record Result(int exit, String stdout, String stderr) {}

  /** Runs {@code command} in bubblewrap, with the filter on fd 3 if {@code filtered}. */
  private static Result sandboxed(boolean filtered, String... command)
      throws IOException, InterruptedException {
    // The file and the command are positional parameters, never part of the script text.
    String script =
        filtered
            ? "f=$1; shift; exec " + BWRAP_ARGS + " --seccomp 3 \"$@\" 3< \"$f\""
            : "shift; exec " + BWRAP_ARGS + " \"$@\"";
    List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "sh", filterFile.toString()));
    argv.addAll(List.of(command));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void javaStartsUnderTheFilter() throws Exception {
    Result r = sandboxed(true, JAVA, "-version");
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stderr()).contains("version");
  }

  @Test
  void unshareIsDeniedWithTheFilterAndWorksWithout() throws Exception {
    Result without = sandboxed(false, "unshare", "-U", "true");
    assertThat(without.exit()).as("unshare -U without the filter: " + without.stderr()).isZero();

    Result with = sandboxed(true, "unshare", "-U", "true");
    assertThat(with.exit()).isNotZero();
    assertThat(with.stderr()).contains("unshare failed").contains("Operation not permitted");
  }

  @Test
  void networkNamespacesAreDeniedToo() throws Exception {
    Result with = sandboxed(true, "unshare", "-n", "true");
    assertThat(with.exit()).isNotZero();
    assertThat(with.stderr()).contains("Operation not permitted");
  }

  @Test
  void mountIsDeniedWithTheFilter() throws Exception {
    Result with = sandboxed(true, "mount", "-t", "tmpfs", "none", "/tmp");
    assertThat(with.exit()).isNotZero();
    assertThat(with.stderr()).containsAnyOf("Operation not permitted", "permission denied");
    // The control needs the capabilities bubblewrap keeps for root; an ordinary user cannot mount
    // even without the filter.
    assumeTrue(isRoot(), "not root: no control run for mount");
    Result without = sandboxed(false, "mount", "-t", "tmpfs", "none", "/tmp");
    assertThat(without.exit()).as("mount without the filter: " + without.stderr()).isZero();
  }

  /**
   * A JVM under the filter does what a phone does (threads, virtual threads, an AF_UNIX socket, a
   * child process) and cannot open an internet socket, which works without the filter.
   */
  @Test
  void javaProgramUnderTheFilter() throws Exception {
    Path probe = dir.resolve("Probe.java");
    Files.writeString(
        probe,
        """
        import java.io.IOException;
        import java.net.StandardProtocolFamily;
        import java.nio.channels.SocketChannel;
        import java.util.concurrent.Executors;

        public class Probe {
          public static void main(String[] args) throws Exception {
            try (var pool = Executors.newFixedThreadPool(4)) {
              for (int i = 0; i < 8; i++) pool.submit(() -> { Thread.sleep(10); return null; });
            }
            Thread.ofVirtual().start(() -> {}).join();
            System.out.println("threads ok");
            try (var ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
              System.out.println("unix ok");
            }
            try (var ch = SocketChannel.open(StandardProtocolFamily.INET)) {
              System.out.println("inet ok");
            } catch (IOException e) {
              System.out.println("inet refused: " + e.getMessage());
            }
            int child = new ProcessBuilder("true").start().waitFor();
            System.out.println("child " + child);
          }
        }
        """);
    Result with = sandboxed(true, JAVA, probe.toString());
    assertThat(with.exit()).as(with.stderr()).isZero();
    assertThat(with.stdout())
        .contains("threads ok", "unix ok", "child 0")
        .contains("inet refused: Address family not supported by protocol");

    Result without = sandboxed(false, JAVA, probe.toString());
    assertThat(without.exit()).as(without.stderr()).isZero();
    assertThat(without.stdout()).contains("inet ok");
  }

  private static boolean isRoot() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
  }
}
