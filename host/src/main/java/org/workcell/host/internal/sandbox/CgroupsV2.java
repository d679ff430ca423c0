package org.workcell.host.internal.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.workcell.host.Limits;

/**
 * Per-phone cgroups on cgroup v2: one folder per phone under the host's, with the memory, pids and
 * cpu controllers enabled for it, and the freezer every v2 cgroup has.
 */
final class CgroupsV2 implements Cgroups {
    static final Set<String> CONTROLLERS = Set.of("memory", "pids", "cpu");
    private final Path base;
    private final Set<String> controllers;

    private CgroupsV2(Path base, Set<String> controllers) {
        this.base = base;
        this.controllers = Set.copyOf(controllers);
    }

    /**
     * The host's subtree under this process's own cgroup. V2 lets a cgroup hand controllers to its
     * children only while it holds no processes itself (the root excepted), so a host whose own
     * cgroup is delegated to it (systemd's {@code Delegate=yes}) first moves itself into a leaf.
     */
    static Optional<Cgroups> detect(String hostName, java.util.Map<String, String> own, List<Mount> mounts) throws IOException {
        Optional<Mount> unified = mounts.stream().filter(Mount::v2).findFirst();
        if (unified.isEmpty() || !own.containsKey("")) {
            return Optional.empty();
        }
        Path ownDir = unified.get().resolve(own.get(""));
        if (!Files.isWritable(ownDir) || !available(ownDir).containsAll(CONTROLLERS)) {
            return Optional.empty();
        }
        if (!enable(ownDir, CONTROLLERS)) {
            Path leaf = Files.createDirectories(ownDir.resolve("workcell-supervisor"));
            Files.writeString(leaf.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
            if (!enable(ownDir, CONTROLLERS)) {
                return Optional.empty(); // other processes share our cgroup: nothing to delegate to us
            }
        }
        return Optional.of(at(ownDir.resolve("workcell-" + hostName), CONTROLLERS));
    }

    /** The host's folder at {@code base}, handing its phones the given controllers (which its parent must offer it). */
    static CgroupsV2 at(Path base, Set<String> controllers) throws IOException {
        Files.createDirectories(base);
        if (!enable(base, controllers)) {
            throw new IOException("cannot enable " + controllers + " for the phones' cgroups under " + base);
        }
        return new CgroupsV2(base, controllers);
    }

    private static Set<String> available(Path dir) throws IOException {
        return Set.of(Files.readString(dir.resolve("cgroup.controllers")).trim().split("\\s+"));
    }

    private static boolean enable(Path dir, Set<String> wanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        StringBuilder line = new StringBuilder();
        wanted.stream().sorted().forEach(c -> line.append(line.isEmpty() ? "" : " ").append('+').append(c));
        try {
            Files.writeString(dir.resolve("cgroup.subtree_control"), line, StandardCharsets.US_ASCII);
            return true;
        } catch (IOException e) {
            return false; // EBUSY: the cgroup holds processes of its own
        }
    }

    @Override
    public String version() {
        return "cgroup-v2";
    }

    @Override
    public PhoneCgroup create(String phoneId, Limits limits) throws IOException {
        Path dir = base.resolve(phoneId);
        if (Files.isDirectory(dir)) {
            new Group(dir).destroy();
        }
        Files.createDirectory(dir);
        Group group = new Group(dir);
        if (controllers.contains("memory")) {
            group.write("memory.max", Long.toString(limits.memoryMb() * 1024L * 1024L));
            if (Files.exists(dir.resolve("memory.swap.max"))) {
                group.write("memory.swap.max", "0"); // no swapping past the limit
            }
        }
        if (controllers.contains("pids")) {
            group.write("pids.max", Integer.toString(limits.tasks()));
        }
        if (controllers.contains("cpu")) {
            long period = 100_000;
            group.write("cpu.max", Math.max(1000, Math.round(limits.cpus() * period)) + " " + period);
        }
        return group;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(base);
        } catch (IOException e) {
            // a phone's cgroup is still there (its processes are being reaped); a later host reuses the folder
        }
    }

    private record Group(Path dir) implements PhoneCgroup {
        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public void freeze(boolean frozen) throws IOException {
            String value = frozen ? "1" : "0";
            write("cgroup.freeze", value);
            Cgroups.awaitState(frozen ? "frozen" : "thawed", () -> frozen() == frozen, () -> write("cgroup.freeze", value));
        }

        @Override
        public boolean frozen() throws IOException {
            return Files.readAllLines(dir.resolve("cgroup.events")).contains("frozen 1");
        }

        @Override
        public void destroy() {
            try {
                freeze(false);
                if (Files.exists(dir.resolve("cgroup.kill"))) {
                    write("cgroup.kill", "1"); // every process in it at once, forks in flight included
                }
            } catch (IOException ignored) {
                // already gone
            }
            Cgroups.removeDir(dir);
        }

        void write(String file, String value) throws IOException {
            Files.writeString(dir.resolve(file), value, StandardCharsets.US_ASCII);
        }
    }
}
