package org.workcell.host.internal.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.workcell.host.Isolation;

/**
 * util-linux's unshare, for machines without bubblewrap: the same namespaces and the same view
 * (a tmpfs root holding only the C libraries, the JDK, the image read-only, the data folder and a
 * private /tmp, reached by pivot_root so the host's root is gone), and every capability dropped
 * with no new privileges. It cannot load a seccomp program; the host's status says so.
 */
public final class UnshareSandbox implements Sandbox {
    public static final Path UNSHARE = Path.of("/usr/bin/unshare");
    public static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    /**
     * Runs as root of the new user namespace, PID 1 of the new PID namespace. Arguments: the mount
     * point for the new root, then (kind, source, target) triples, then "--" and the command.
     * Read-only binds are remounted read-only; if the source mount carries flags that a user
     * namespace may not drop, the remount keeps them.
     */
    static final String SCRIPT = """
            set -eu
            root=$1; shift
            mount -t tmpfs -o mode=0755,size=4m workcell "$root"
            while [ "$1" != -- ]; do
              kind=$1; src=$2; dst=$root$3; shift 3
              case $kind in
                link) mkdir -p "${dst%/*}"; ln -s "$src" "$dst" ;;
                tmp) mkdir -p "$dst"; mount -t tmpfs -o "size=$src,mode=1777,nosuid,nodev" workcell-tmp "$dst" ;;
                proc) mkdir -p "$dst"; mount -t proc -o nosuid,nodev,noexec proc "$dst" ;;
                ro|rw)
                  if [ -d "$src" ]; then mkdir -p "$dst"; else mkdir -p "${dst%/*}"; : > "$dst"; fi
                  mount --bind "$src" "$dst"
                  if [ "$kind" = ro ]; then
                    mount -o remount,bind,ro "$dst" 2>/dev/null || mount -o remount,bind,ro,nosuid,nodev "$dst" 2>/dev/null \\
                      || mount -o remount,bind,ro,nosuid,nodev,noexec "$dst"
                  fi ;;
              esac
            done
            shift
            cp /usr/bin/setpriv "$root/.setpriv"
            cd "$root"
            mkdir .old
            pivot_root . .old
            /.old/usr/bin/mount -o remount,bind,ro /
            /.old/usr/bin/umount -l /.old
            cd /data
            exec /.setpriv --inh-caps=-all --bounding-set=-all --no-new-privs -- "$@"
            """;

    @Override
    public Isolation isolation() {
        return Isolation.UNSHARE;
    }

    @Override
    public boolean seccomp() {
        return false;
    }

    @Override
    public PhoneView view(SandboxSpec spec) {
        return PhoneView.ISOLATED;
    }

    @Override
    public List<String> wrap(SandboxSpec spec, List<String> phoneCommand) {
        List<String> c = new ArrayList<>(List.of(UNSHARE.toString(), "--user", "--map-root-user", "--mount", "--pid", "--fork",
                "--kill-child", "--net", "--ipc", "--uts", "--cgroup", "--propagation", "private", "--",
                "/bin/sh", "-c", SCRIPT, "workcell-phone", spec.scratch().resolve("root").toString()));
        bind(c, "ro", "/usr/lib", "/usr/lib");
        bind(c, "link", "usr/lib", "/lib");
        if (Files.isDirectory(Path.of("/usr/lib64"))) {
            bind(c, "ro", "/usr/lib64", "/usr/lib64");
            bind(c, "link", "usr/lib64", "/lib64");
        }
        for (Path p : Sandbox.systemReadOnly(spec)) {
            bind(c, "ro", p.toString(), p.toString());
        }
        bind(c, "ro", spec.image().toString(), "/image");
        bind(c, "rw", spec.data().toString(), "/data");
        for (String device : List.of("null", "zero", "full", "random", "urandom")) {
            bind(c, "rw", "/dev/" + device, "/dev/" + device);
        }
        bind(c, "tmp", spec.limits().tmpMb() + "m", "/tmp");
        bind(c, "proc", "proc", "/proc");
        c.add("--");
        c.addAll(phoneCommand);
        return c;
    }

    private static void bind(List<String> c, String kind, String source, String target) {
        c.addAll(List.of(kind, source, target));
    }
}
