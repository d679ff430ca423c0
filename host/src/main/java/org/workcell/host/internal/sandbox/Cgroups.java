package org.workcell.host.internal.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.workcell.host.Limits;

/**
 * Per-phone cgroups: memory (no swapping past it), tasks, a CPU quota and a freezer for suspend.
 * Each phone's cgroup lies under this host's own cgroup, in a folder named for the host. A cgroup v1
 * hierarchy this process may write to comes first (as root, or delegated); otherwise a cgroup v2
 * subtree with the memory, pids and cpu controllers delegated to it.
 */
public sealed interface Cgroups permits CgroupsV1, CgroupsV2 {
    /** What the host's status reports: {@code cgroup-v1} or {@code cgroup-v2}. */
    String version();

    /** Makes (or resets) the phone's cgroup and sets its limits. */
    PhoneCgroup create(String phoneId, Limits limits) throws IOException;

    /** Removes this host's folders once no phone's cgroup is left in them. */
    void close();

    /** The cgroups for every limit, or empty if neither hierarchy offers them all writable here. */
    static Optional<Cgroups> detect(String hostName) {
        try {
            Map<String, String> own = ownPaths();
            List<Mount> mounts = mounts();
            Optional<Cgroups> v1 = CgroupsV1.detect(hostName, own, mounts);
            return v1.isPresent() ? v1 : CgroupsV2.detect(hostName, own, mounts);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One phone's cgroup. */
    interface PhoneCgroup {
        /** The files a starting process writes its pid to, joining the cgroup before it runs anything. */
        List<Path> procsFiles();

        /** Freezes or thaws, returning once the kernel reports it done. */
        void freeze(boolean frozen) throws IOException;

        boolean frozen() throws IOException;

        /** Kills every process left in the phone's cgroup (thawing first, or the kill would wait) and removes it. */
        void destroy();
    }

    /** A mounted cgroup file system: v1 with its controllers, or v2 (no options of note). */
    record Mount(Path mountPoint, String root, boolean v2, List<String> options) {
        /** Where a cgroup path seen in /proc/self/cgroup lies under this mount. */
        Path resolve(String cgroupPath) {
            String relative = cgroupPath.startsWith(root) ? cgroupPath.substring(root.length()) : cgroupPath;
            return mountPoint.resolve(relative.replaceFirst("^/+", ""));
        }
    }

    /** This process's cgroup per v1 controller, and under the key {@code ""} its v2 cgroup. */
    private static Map<String, String> ownPaths() throws IOException {
        Map<String, String> own = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3) {
                for (String controller : parts[1].split(",")) {
                    own.put(controller, parts[2]);
                }
            }
        }
        return own;
    }

    private static List<Mount> mounts() throws IOException {
        List<Mount> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            // id parent major:minor root mountpoint options ... - fstype source superoptions
            String[] halves = line.split(" - ", 2);
            if (halves.length != 2 || !(halves[1].startsWith("cgroup ") || halves[1].startsWith("cgroup2 "))) {
                continue;
            }
            String[] left = halves[0].split(" ");
            String[] right = halves[1].split(" ");
            mounts.add(new Mount(Path.of(left[4]), left[3], right[0].equals("cgroup2"), List.of(right[right.length - 1].split(","))));
        }
        return mounts;
    }

    /** Removes a phone's cgroup folder, killing what is left in it and waiting for the kernel to reap it. */
    static void removeDir(Path dir) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
                Files.delete(dir);
                return;
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException e) {
                // busy until the killed processes are reaped
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Polls a kernel-reported state until it holds, re-asking on the way (a forking task may slip past once). */
    static void awaitState(String what, IoCheck reached, IoAction ask) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!reached.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the phone's processes did not reach " + what + " within 5 s");
            }
            ask.run();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + what);
            }
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    interface IoCheck {
        boolean holds() throws IOException;
    }
}
