package org.workcell.host.internal.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.workcell.host.Limits;

/** Per-phone cgroups on cgroup v1: one folder per controller hierarchy (memory, pids, cpu, freezer). */
final class CgroupsV1 implements Cgroups {
    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "freezer");
    private final Map<String, Path> bases;

    private CgroupsV1(Map<String, Path> bases) {
        this.bases = bases;
    }

    static Optional<Cgroups> detect(String hostName, Map<String, String> own, List<Mount> mounts) throws IOException {
        Map<String, Path> owned = new HashMap<>();
        for (Mount mount : mounts) {
            for (String option : mount.options()) {
                if (!mount.v2() && CONTROLLERS.contains(option) && own.containsKey(option)) {
                    owned.put(option, mount.resolve(own.get(option)));
                }
            }
        }
        for (String controller : CONTROLLERS) {
            Path dir = owned.get(controller);
            if (dir == null || !Files.isWritable(dir)) {
                return Optional.empty();
            }
        }
        Map<String, Path> bases = new HashMap<>();
        for (String controller : CONTROLLERS) {
            bases.put(controller, Files.createDirectories(owned.get(controller).resolve("workcell-" + hostName)));
        }
        return Optional.of(new CgroupsV1(bases));
    }

    @Override
    public String version() {
        return "cgroup-v1";
    }

    @Override
    public PhoneCgroup create(String phoneId, Limits limits) throws IOException {
        Map<String, Path> dirs = new HashMap<>();
        for (String controller : CONTROLLERS) {
            Path dir = bases.get(controller).resolve(phoneId);
            if (Files.isDirectory(dir)) {
                Cgroups.removeDir(dir);
            }
            Files.createDirectory(dir);
            dirs.put(controller, dir);
        }
        Group group = new Group(dirs);
        long bytes = limits.memoryMb() * 1024L * 1024L;
        group.write("memory", "memory.limit_in_bytes", Long.toString(bytes));
        if (Files.exists(dirs.get("memory").resolve("memory.memsw.limit_in_bytes"))) {
            group.write("memory", "memory.memsw.limit_in_bytes", Long.toString(bytes)); // no swapping past the limit
        }
        group.write("pids", "pids.max", Integer.toString(limits.tasks()));
        long period = 100_000;
        group.write("cpu", "cpu.cfs_period_us", Long.toString(period));
        group.write("cpu", "cpu.cfs_quota_us", Long.toString(Math.max(1000, Math.round(limits.cpus() * period))));
        return group;
    }

    @Override
    public void close() {
        for (Path base : bases.values()) {
            try {
                Files.deleteIfExists(base);
            } catch (IOException e) {
                // a phone's cgroup is still there (its processes are being reaped); a later host reuses the folder
            }
        }
    }

    private record Group(Map<String, Path> dirs) implements PhoneCgroup {
        Group {
            dirs = Map.copyOf(dirs);
        }

        @Override
        public List<Path> procsFiles() {
            return CONTROLLERS.stream().map(c -> dirs.get(c).resolve("cgroup.procs")).toList();
        }

        /** Freezing passes through FREEZING; a task that was forking may need asking again. */
        @Override
        public void freeze(boolean frozen) throws IOException {
            String wanted = frozen ? "FROZEN" : "THAWED";
            write("freezer", "freezer.state", wanted);
            Cgroups.awaitState(wanted, () -> state().equals(wanted), () -> write("freezer", "freezer.state", wanted));
        }

        @Override
        public boolean frozen() throws IOException {
            return state().equals("FROZEN");
        }

        private String state() throws IOException {
            return Files.readString(dirs.get("freezer").resolve("freezer.state")).trim();
        }

        @Override
        public void destroy() {
            try {
                freeze(false);
            } catch (IOException ignored) {
                // no freezer left: nothing frozen
            }
            dirs.values().forEach(Cgroups::removeDir);
        }

        void write(String controller, String file, String value) throws IOException {
            Files.writeString(dirs.get(controller).resolve(file), value, StandardCharsets.US_ASCII);
        }
    }
}
