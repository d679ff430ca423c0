package org.workcell.host.internal.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.workcell.host.Limits;

/**
 * Per-phone cgroups on a cgroup v1 hierarchy this process may write to (as root, or delegated):
 * memory (with swap), pids, cpu (a CFS quota) and a freezer for suspend. Each phone's cgroup lies
 * under this host's own cgroup in each hierarchy, in a folder named for the host.
 */
public final class Cgroups {
    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "freezer");
    private final Map<String, Path> bases;

    private Cgroups(Map<String, Path> bases) {
        this.bases = bases;
    }

    /** The hierarchies for every controller needed, or empty if any is missing or not writable. */
    public static Optional<Cgroups> detect(String hostName) {
        try {
            Map<String, String> own = new HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3) {
                    for (String controller : parts[1].split(",")) {
                        own.put(controller, parts[2]);
                    }
                }
            }
            Map<String, Path> mounts = new HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                // id parent major:minor root mountpoint options ... - fstype source superoptions
                String[] halves = line.split(" - ", 2);
                if (halves.length != 2 || !halves[1].startsWith("cgroup ")) {
                    continue;
                }
                String[] left = halves[0].split(" ");
                String[] right = halves[1].split(" ");
                String root = left[3];
                Path mountPoint = Path.of(left[4]);
                for (String option : right[right.length - 1].split(",")) {
                    if (CONTROLLERS.contains(option) && own.containsKey(option)) {
                        String path = own.get(option);
                        String relative = path.startsWith(root) ? path.substring(root.length()) : path;
                        mounts.put(option, mountPoint.resolve(relative.replaceFirst("^/+", "")));
                    }
                }
            }
            Map<String, Path> bases = new HashMap<>();
            for (String controller : CONTROLLERS) {
                Path own_ = mounts.get(controller);
                if (own_ == null || !Files.isWritable(own_)) {
                    return Optional.empty();
                }
                Path base = own_.resolve("workcell-" + hostName);
                Files.createDirectories(base);
                bases.put(controller, base);
            }
            return Optional.of(new Cgroups(bases));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Makes (or resets) the phone's cgroups and sets its limits. */
    public PhoneCgroup create(String phoneId, Limits limits) throws IOException {
        Map<String, Path> dirs = new HashMap<>();
        for (String controller : CONTROLLERS) {
            Path dir = bases.get(controller).resolve(phoneId);
            if (Files.isDirectory(dir)) {
                PhoneCgroup.removeDir(dir);
            }
            Files.createDirectory(dir);
            dirs.put(controller, dir);
        }
        PhoneCgroup group = new PhoneCgroup(dirs);
        long bytes = limits.memoryMb() * 1024L * 1024L;
        group.write("memory", "memory.limit_in_bytes", Long.toString(bytes));
        group.writeIfPresent("memory", "memory.memsw.limit_in_bytes", Long.toString(bytes)); // no swapping past the limit
        group.write("pids", "pids.max", Integer.toString(limits.tasks()));
        long period = 100_000;
        group.write("cpu", "cpu.cfs_period_us", Long.toString(period));
        group.write("cpu", "cpu.cfs_quota_us", Long.toString(Math.max(1000, Math.round(limits.cpus() * period))));
        return group;
    }

    /** Removes this host's folders from the hierarchies once no phone's cgroup is left in them. */
    public void close() {
        for (Path base : bases.values()) {
            try {
                Files.deleteIfExists(base);
            } catch (IOException e) {
                // a phone's cgroup is still there (its processes are being reaped); a later host reuses the folder
            }
        }
    }

    /** One phone's cgroups. */
    public static final class PhoneCgroup {
        private final Map<String, Path> dirs;

        PhoneCgroup(Map<String, Path> dirs) {
            this.dirs = Map.copyOf(dirs);
        }

        /** The files a starting process writes its pid to, joining every cgroup before it runs anything. */
        public List<Path> procsFiles() {
            List<Path> files = new ArrayList<>();
            for (String controller : CONTROLLERS) {
                files.add(dirs.get(controller).resolve("cgroup.procs"));
            }
            return files;
        }

        /** Freezes or thaws, returning once the kernel reports it done (freezing passes through FREEZING). */
        public void freeze(boolean frozen) throws IOException {
            String wanted = frozen ? "FROZEN" : "THAWED";
            write("freezer", "freezer.state", wanted);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Files.readString(dirs.get("freezer").resolve("freezer.state")).trim().equals(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the phone's processes did not reach " + wanted + " within 5 s");
                }
                write("freezer", "freezer.state", wanted); // a task that was forking may have slipped past
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + wanted);
                }
            }
        }

        public boolean frozen() throws IOException {
            return Files.readString(dirs.get("freezer").resolve("freezer.state")).trim().equals("FROZEN");
        }

        public long memoryBytes() {
            return readLong("memory", "memory.usage_in_bytes");
        }

        public int tasks() {
            return (int) readLong("pids", "pids.current");
        }

        /** Kills every process left in the phone's cgroups (thawing first, or the kill would wait) and removes them. */
        public void destroy() {
            try {
                freeze(false);
            } catch (IOException ignored) {
                // no freezer left: nothing frozen
            }
            for (Path dir : dirs.values()) {
                removeDir(dir);
            }
        }

        static void removeDir(Path dir) {
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                    Files.delete(dir);
                    return;
                } catch (java.nio.file.NoSuchFileException e) {
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

        void write(String controller, String file, String value) throws IOException {
            Files.writeString(dirs.get(controller).resolve(file), value, StandardCharsets.US_ASCII);
        }

        void writeIfPresent(String controller, String file, String value) throws IOException {
            if (Files.exists(dirs.get(controller).resolve(file))) {
                write(controller, file, value);
            }
        }

        private long readLong(String controller, String file) {
            try {
                return Long.parseLong(Files.readString(dirs.get(controller).resolve(file)).trim());
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }
    }
}
