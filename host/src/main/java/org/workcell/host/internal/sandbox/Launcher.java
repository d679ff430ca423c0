package org.workcell.host.internal.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.workcell.host.Limits;

/**
 * The command that starts one sandboxed phone: a small shell prologue joins the phone's cgroups
 * (before anything of the phone runs, so nothing escapes them) and opens the seccomp program as
 * descriptor 3; then, as the phone's own user if the host is root, with process limits set, the
 * sandbox itself.
 */
public final class Launcher {
    static final String PROLOGUE = """
            while [ "$1" != -- ]; do echo $$ > "$1"; shift; done
            shift
            if [ -n "${WORKCELL_SECCOMP:-}" ]; then exec 3< "$WORKCELL_SECCOMP"; fi
            unset WORKCELL_SECCOMP
            exec "$@"
            """;

    private Launcher() {}

    /**
     * @param uid the phone's own user id on the host, when the host runs as root
     * @param procsFiles the phone's cgroup.procs files (empty without cgroups)
     */
    public static List<String> command(Sandbox sandbox, SandboxSpec spec, List<String> phoneCommand, OptionalInt uid,
                                       List<Path> procsFiles, boolean memoryByCgroup) {
        List<String> c = new ArrayList<>(List.of("/bin/sh", "-c", PROLOGUE, "workcell-launch"));
        procsFiles.forEach(p -> c.add(p.toString()));
        c.add("--");
        if (uid.isPresent()) {
            c.addAll(List.of(UnshareSandbox.SETPRIV.toString(), "--reuid", Integer.toString(uid.getAsInt()), "--regid",
                    Integer.toString(uid.getAsInt()), "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"));
        }
        c.addAll(rlimits(spec.limits(), memoryByCgroup));
        c.addAll(sandbox.wrap(spec, phoneCommand));
        return c;
    }

    /**
     * Process limits, set whatever else applies: tasks (only binding for a user other than root),
     * open files, no core dumps, a cap on file size; and address space when no memory cgroup does
     * better (generous, because a JVM reserves far more than it touches).
     */
    static List<String> rlimits(Limits limits, boolean memoryByCgroup) {
        List<String> c = new ArrayList<>(List.of("/usr/bin/prlimit", "--nproc=" + limits.tasks(), "--nofile=" + limits.openFiles(),
                "--core=0", "--fsize=" + (1L << 30)));
        if (!memoryByCgroup) {
            c.add("--as=" + (limits.memoryMb() + 3072L) * 1024 * 1024);
        }
        c.add("--");
        return c;
    }
}
