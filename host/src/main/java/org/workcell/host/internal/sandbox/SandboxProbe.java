package org.workcell.host.internal.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds out which sandbox works on this machine by running {@code /bin/true} in it: an installed
 * tool is not enough (user namespaces may be turned off, or /proc masked inside a container).
 */
public final class SandboxProbe {
    private SandboxProbe() {}

    public static Optional<Sandbox> bubblewrap() {
        if (!Files.isExecutable(BubblewrapSandbox.BWRAP)) {
            return Optional.empty();
        }
        String help = output(List.of(BubblewrapSandbox.BWRAP.toString(), "--help"));
        BubblewrapSandbox sandbox = new BubblewrapSandbox(help.contains("--disable-userns"), help.contains("--size"));
        boolean works = succeeds(List.of(BubblewrapSandbox.BWRAP.toString(), "--unshare-all", "--unshare-user", "--die-with-parent",
                "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--cap-drop", "ALL", "--", "/bin/true"));
        return works ? Optional.of(sandbox) : Optional.empty();
    }

    public static Optional<Sandbox> unshare() {
        if (!Files.isExecutable(UnshareSandbox.UNSHARE) || !Files.isExecutable(UnshareSandbox.SETPRIV)) {
            return Optional.empty();
        }
        boolean works = succeeds(List.of(UnshareSandbox.UNSHARE.toString(), "--user", "--map-root-user", "--mount", "--pid", "--fork",
                "--net", "--mount-proc", "--", "/bin/true"));
        return works ? Optional.of(new UnshareSandbox()) : Optional.empty();
    }

    static boolean succeeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(1 << 16);
            p.waitFor(20, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Whether this process runs as root (then each phone gets a user id of its own). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // the effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
