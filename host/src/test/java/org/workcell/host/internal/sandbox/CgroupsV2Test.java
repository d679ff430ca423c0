package org.workcell.host.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.workcell.host.Limits;
import org.workcell.host.testing.Await;

/**
 * Phone cgroups on the machine's real cgroup v2 hierarchy. Where v1 owns the memory, pids and cpu
 * controllers (a hybrid machine, such as this project's CI), v2 offers only its core: joining,
 * freezing, killing. Those run here against the kernel; the limits are covered where v2 has the
 * controllers.
 */
class CgroupsV2Test {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Path ownV2Cgroup() throws Exception {
        String own = Files.readAllLines(Path.of("/proc/self/cgroup")).stream().filter(l -> l.startsWith("0::")).findFirst()
                .map(l -> l.substring(3)).orElse(null);
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ", 2);
            if (own != null && halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
                return Path.of(halves[0].split(" ")[4]).resolve(own.substring(1));
            }
        }
        return null;
    }

    @Test
    void aPhoneCgroupHoldsItsProcessesFreezesThawsAndKillsThemAll() throws Exception {
        Path own = ownV2Cgroup();
        assumeTrue(own != null && Files.isWritable(own), "no writable cgroup v2 hierarchy here");
        Set<String> offered = Set.of(Files.readString(own.resolve("cgroup.controllers")).trim().split("\\s+"));
        Set<String> controllers = offered.containsAll(CgroupsV2.CONTROLLERS) ? CgroupsV2.CONTROLLERS : Set.of();
        Path hostDir = own.resolve("workcell-test-" + UUID.randomUUID().toString().substring(0, 8));
        CgroupsV2 cgroups = CgroupsV2.at(hostDir, controllers);
        try {
            Cgroups.PhoneCgroup phone = cgroups.create("phone-1", new Limits(256, 64, 32, 0.5, 256, 16));
            Path procs = phone.procsFiles().getFirst();
            Path counter = Files.createTempFile("cgroup-counter", ".txt");
            // A shell that joins the cgroup first, as the launcher does, then forks a counting child.
            Process p = new ProcessBuilder("/bin/sh", "-c", "echo $$ > " + procs
                    + "; (i=0; while true; do i=$((i+1)); echo $i > " + counter + "; done) & wait").start();
            Await.until("the processes in the cgroup", WAIT, () -> lines(procs) == 2);
            Await.until("counting", WAIT, () -> read(counter) > 0);

            phone.freeze(true);
            assertThat(phone.frozen()).isTrue();
            assertThat(Files.readAllLines(hostDir.resolve("phone-1").resolve("cgroup.events"))).contains("frozen 1");
            phone.freeze(false);
            assertThat(phone.frozen()).isFalse();
            long thawedAt = read(counter);
            Await.until("counting again after the thaw", WAIT, () -> read(counter) > thawedAt);

            if (controllers.contains("memory")) {
                assertThat(Files.readString(hostDir.resolve("phone-1").resolve("memory.max")).trim()).isEqualTo(Long.toString(256L << 20));
                assertThat(Files.readString(hostDir.resolve("phone-1").resolve("pids.max")).trim()).isEqualTo("32");
                assertThat(Files.readString(hostDir.resolve("phone-1").resolve("cpu.max")).trim()).isEqualTo("50000 100000");
            }

            phone.destroy();
            Await.until("the shell killed", WAIT, () -> !p.isAlive());
            assertThat(hostDir.resolve("phone-1")).doesNotExist();
            Files.deleteIfExists(counter);
        } finally {
            cgroups.close();
        }
        assertThat(hostDir).as("the host's folder is removed once empty").doesNotExist();
    }

    @Test
    void detectionPrefersAFullV1HierarchyAndOtherwiseNeedsEveryV2Controller() throws Exception {
        var found = Cgroups.detect("detect-test-" + UUID.randomUUID().toString().substring(0, 8));
        Path own = ownV2Cgroup();
        boolean v2Full = own != null && Files.isWritable(own)
                && Set.of(Files.readString(own.resolve("cgroup.controllers")).trim().split("\\s+")).containsAll(CgroupsV2.CONTROLLERS);
        boolean v1Full = CgroupsV1.CONTROLLERS.stream().allMatch(c -> Files.isWritable(Path.of("/sys/fs/cgroup", c)));
        try {
            if (v1Full) {
                assertThat(found).map(Cgroups::version).contains("cgroup-v1");
            } else if (v2Full) {
                assertThat(found).map(Cgroups::version).contains("cgroup-v2");
            } else {
                assertThat(found).isEmpty();
            }
        } finally {
            found.ifPresent(Cgroups::close);
        }
    }

    private static int lines(Path file) {
        try {
            return (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long read(Path file) {
        try {
            String s = Files.readString(file).trim();
            return s.isEmpty() ? 0 : Long.parseLong(s);
        } catch (Exception e) {
            return 0;
        }
    }
}
