package org.workcell.host.internal.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.workcell.host.Isolation;

/**
 * Debian's bubblewrap: new user, mount, PID, network, IPC, UTS and cgroup namespaces; a root made
 * of only the C libraries, the JDK, the image (read-only), the data folder and a private /tmp; no
 * capabilities, no new privileges, no nested user namespaces, a new session (no terminal
 * injection) and the seccomp program. The phone dies with its host.
 */
public final class BubblewrapSandbox implements Sandbox {
    public static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private final boolean disableUserns;
    private final boolean tmpSize;

    BubblewrapSandbox(boolean disableUserns, boolean tmpSize) {
        this.disableUserns = disableUserns;
        this.tmpSize = tmpSize;
    }

    @Override
    public Isolation isolation() {
        return Isolation.BUBBLEWRAP;
    }

    @Override
    public boolean seccomp() {
        return true;
    }

    @Override
    public PhoneView view(SandboxSpec spec) {
        return PhoneView.ISOLATED;
    }

    @Override
    public List<String> wrap(SandboxSpec spec, List<String> phoneCommand) {
        List<String> c = new ArrayList<>(List.of(BWRAP.toString(), "--unshare-all", "--unshare-user"));
        if (disableUserns) {
            c.add("--disable-userns");
        }
        c.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL", "--uid", "1000", "--gid", "1000",
                "--hostname", "phone", "--clearenv"));
        spec.env().forEach((k, v) -> c.addAll(List.of("--setenv", k, v)));
        c.addAll(List.of("--ro-bind", "/usr/lib", "/usr/lib", "--symlink", "usr/lib", "/lib"));
        if (Files.isDirectory(Path.of("/usr/lib64"))) {
            c.addAll(List.of("--ro-bind", "/usr/lib64", "/usr/lib64", "--symlink", "usr/lib64", "/lib64"));
        }
        for (Path p : Sandbox.systemReadOnly(spec)) {
            c.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        }
        c.addAll(List.of("--ro-bind", spec.image().toString(), "/image", "--bind", spec.data().toString(), "/data",
                "--proc", "/proc", "--dev", "/dev"));
        if (tmpSize) {
            c.addAll(List.of("--size", Long.toString(spec.limits().tmpMb() * 1024L * 1024L)));
        }
        c.addAll(List.of("--tmpfs", "/tmp", "--remount-ro", "/", "--chdir", "/data", "--seccomp", "3", "--"));
        c.addAll(phoneCommand);
        return c;
    }
}
