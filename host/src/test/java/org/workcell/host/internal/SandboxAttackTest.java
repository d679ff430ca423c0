package org.workcell.host.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.workcell.channel.Touch;
import org.workcell.host.DisplayListener;
import org.workcell.host.DisplaySession;
import org.workcell.host.HostConfig;
import org.workcell.host.Hosts;
import org.workcell.host.Isolation;
import org.workcell.host.Limits;
import org.workcell.host.PhoneImage;
import org.workcell.host.PhoneInfo;
import org.workcell.host.PhoneRequest;
import org.workcell.host.PhoneRuntime;
import org.workcell.host.PhoneState;
import org.workcell.host.testing.Await;
import org.workcell.host.testing.EchoPhone;
import org.workcell.host.testing.HostilePhone;
import org.workcell.host.testing.TestImage;

/**
 * Attacks from inside a phone: another phone's files and the host's, other processes, the network,
 * privileges, a thread bomb, a process bomb, memory past the limit, killing everything in sight.
 * Each attempt fails, and the host and the other phone go on.
 */
class SandboxAttackTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    @TempDir
    static Path shared;
    static Path imageFolder;

    @TempDir
    Path temp;

    @BeforeAll
    static void image() throws Exception {
        imageFolder = TestImage.write(TestImage.openFolder(shared.resolve("images")).resolve("v1"));
    }

    private record Setup(LocalHost host, Path victimData, Path attackerData, Path runFolder, DisplaySession victimScreen) {}

    private Setup start(Isolation isolation, String attack) throws Exception {
        Path run = TestImage.openFolder(temp.resolve("run"));
        Limits limits = new Limits(384, 128, 128, 1.0, 1024, 16);
        HostConfig config = HostConfig.defaults(run).withIsolation(isolation, false).withLimits(limits)
                .withRestartBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60))
                .withClock(InstantSource.system());
        // The victim: a phone of another user, with a secret in its data folder.
        LocalHost victimHost = (LocalHost) Hosts.local(config.withRuntime(PhoneRuntime.current().withMainClass(EchoPhone.class.getName()))
                .withGateway(org.workcell.host.ContainerKeys.NONE, org.workcell.host.GatewayRelay.NONE));
        Path phones = TestImage.openFolder(temp.resolve("phones"));
        Path victimData = phones.resolve("victim");
        Files.createDirectories(victimData);
        Files.writeString(victimData.resolve("secret"), "the victim's mail");
        victimHost.start(new PhoneRequest("victim", "bob", new PhoneImage(imageFolder, "v1"), victimData));
        Await.until("the victim running", WAIT, () -> victimHost.get("victim").map(i -> i.state() == PhoneState.RUNNING).orElse(false),
                () -> victimHost.get("victim"));
        DisplaySession screen = victimHost.attach("victim", new DisplayListener() {
            @Override
            public void frameReady() {}

            @Override
            public void detached(String reason) {}
        });

        Path attackerData = phones.resolve("attacker");
        Files.createDirectories(attackerData);
        Files.writeString(attackerData.resolve("attack"), attack);
        Files.write(attackerData.resolve("targets"), List.of(
                // (The phone's own /tmp and /proc/1, its sandbox's init, are its own: not targets.)
                victimData.resolve("secret").toString(), victimData.toString(), run.toString(),
                run.resolve("phone-uids.properties").toString(), "/etc/shadow", "/root", "/home", "/usr/bin/sh",
                "127.0.0.1:5432", "1.1.1.1:53", "unix:/var/run/postgresql/.s.PGSQL.5432"));
        victimHost.startHostile(attackerData);
        return new Setup(victimHost, victimData, attackerData, run, screen);
    }

    private static Map<String, String> report(Path attackerData) throws Exception {
        return Files.readAllLines(attackerData.resolve("report")).stream().map(l -> l.split("\t", 3))
                .collect(Collectors.toMap(p -> p[0], p -> p[1] + " " + (p.length > 2 ? p[2] : ""), (a, b) -> a + " / " + b));
    }

    private static boolean reportHas(Path attackerData, String line) {
        try {
            return Files.exists(attackerData.resolve("report")) && report(attackerData).containsKey(line);
        } catch (Exception e) {
            return false;
        }
    }

    /** The host and the victim go on: it answers input with a frame, and its secret is untouched. */
    private static void victimUnharmed(Setup s) throws Exception {
        assertThat(s.host().get("victim").orElseThrow().state()).isEqualTo(PhoneState.RUNNING);
        assertThat(s.host().get("victim").orElseThrow().restarts()).isZero();
        s.victimScreen().take();
        s.host().send("victim", new Touch(Touch.Action.DOWN, 0, 3, 3, 0));
        Await.until("the victim answering a touch", WAIT, () -> s.victimScreen().take().isPresent());
        assertThat(Files.readString(s.victimData().resolve("secret"))).isEqualTo("the victim's mail");
        try (var files = Files.walk(s.victimData().getParent().getParent())) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("planted-by-phone")).toList()).isEmpty();
        }
        assertThat(s.host().list()).isNotEmpty();
    }

    private static PhoneInfo awaitEnd(Setup s) {
        Await.until("the attacker's process to end", WAIT, () -> s.host().get("attacker").map(i -> i.state() == PhoneState.CRASHED).orElse(false),
                () -> s.host().get("attacker"));
        return s.host().get("attacker").orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void filesProcessesNetworkAndPrivilegesAreOutOfReach(Isolation isolation) throws Exception {
        Setup s = start(isolation, "probe");
        try (LocalHost host = s.host()) {
            Await.until("the attack report", WAIT, () -> reportHas(s.attackerData(), "done"), () -> host.get("attacker"));
            Map<String, String> report = report(s.attackerData());
            if (isolation == Isolation.UNSHARE) {
                assertThat(report.get("escape seccomp")).as("unshare has no seccomp filter, and the host says so").startsWith("SUCCEEDED");
                assertThat(host.status().warnings()).anyMatch(w -> w.contains("no seccomp"));
                report.remove("escape seccomp");
            }
            assertThat(report).hasSizeGreaterThan(20);
            assertThat(report.entrySet()).allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).startsWith("blocked"));
            victimUnharmed(s);
        }
    }

    /** Runs a bomb until it is refused or its phone dies; returns how far it got (the count it kept in /data/ATTACK). */
    private int bomb(Isolation isolation, String attack, String line) throws Exception {
        Setup s = start(isolation, attack);
        try (LocalHost host = s.host()) {
            Await.until("the " + attack + " bomb to end", WAIT, () -> reportHas(s.attackerData(), line)
                    || host.get("attacker").map(i -> i.lastExit() != null).orElse(false));
            if (reportHas(s.attackerData(), line)) {
                assertThat(report(s.attackerData()).get(line)).startsWith("blocked");
            }
            victimUnharmed(s);
            return Integer.parseInt(Files.readString(s.attackerData().resolve(attack)).trim());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void aThreadBombStopsAtTheTaskLimit(Isolation isolation) throws Exception {
        int threads = bomb(isolation, "threads", "start threads without limit");
        assertThat(threads).isGreaterThan(16).isLessThan(Limits.DEFAULT.tasks());
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void aProcessBombStopsAtTheTaskLimit(Isolation isolation) throws Exception {
        // Processes and the phone's own threads share the task limit, so how many processes fit depends on how many
        // threads the phone's JVM runs at that moment (fewer on a busy machine); the limit is what must hold.
        assertThat(bomb(isolation, "processes", "start processes without limit")).isGreaterThan(8).isLessThan(Limits.DEFAULT.tasks());
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void allocatingPastTheLimitEndsOnlyTheAttacker(Isolation isolation) throws Exception {
        Setup s = start(isolation, "heap");
        try (LocalHost host = s.host()) {
            PhoneInfo ended = awaitEnd(s);
            assertThat(reportHas(s.attackerData(), "allocation started")).isTrue();
            assertThat(ended.state()).isEqualTo(PhoneState.CRASHED);
            assertThat(ended.lastExit()).startsWith("exit code 3"); // the JVM's own limit, before the cgroup's or the rlimit's
            victimUnharmed(s);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void killingEverythingInSightKillsOnlyTheAttacker(Isolation isolation) throws Exception {
        Setup s = start(isolation, "kill");
        try (LocalHost host = s.host()) {
            // It can see (and signal) only its own sandbox; whether that ends it or not, nothing else is touched.
            Await.until("the signals sent", WAIT, () -> reportHas(s.attackerData(), "signalled")
                    || host.get("attacker").map(i -> i.state() == PhoneState.CRASHED).orElse(false));
            victimUnharmed(s);
            assertThat(ProcessHandle.current().isAlive()).isTrue();
        }
    }
}
