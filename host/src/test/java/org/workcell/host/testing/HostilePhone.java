package org.workcell.host.testing;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.workcell.channel.Channel;
import org.workcell.channel.ChannelLimits;
import org.workcell.channel.ChannelReader;
import org.workcell.channel.ChannelWriter;
import org.workcell.channel.Direction;
import org.workcell.channel.Hello;

/**
 * A phone taken over by an attacker, run in the real sandbox. It greets its host, then tries what
 * {@code /data/attack} names and appends one line per attempt to {@code /data/report}:
 * {@code name blocked|SUCCEEDED detail}. Targets outside come in {@code /data/targets} (one
 * path or host:port per line).
 */
public final class HostilePhone {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        var in = new ChannelReader(new FileInputStream(FileDescriptor.in), ChannelLimits.DEFAULT, Direction.HOST_TO_PHONE);
        var out = new ChannelWriter(new FileOutputStream(FileDescriptor.out), ChannelLimits.DEFAULT, Direction.PHONE_TO_HOST);
        out.write(new Hello(Channel.VERSION, 40, 30, 160, args[2]));
        out.flush();
        in.read();
        List<String> targets = Files.readAllLines(data.resolve("targets"));
        String attack = Files.readString(data.resolve("attack")).trim();
        switch (attack) {
            case "probe" -> probe(data, targets);
            case "threads" -> threadBomb(data);
            case "processes" -> processBomb(data);
            case "heap" -> heapBomb(data);
            case "kill" -> killEverything(data);
            default -> report(data, "unknown-attack", false, attack);
        }
        report(data, "done", false, "");
        while (in.read() != null) {
            // stay up until the host stops it
        }
    }

    private static void probe(Path data, List<String> targets) throws Exception {
        for (String target : targets) {
            if (target.startsWith("/")) {
                try {
                    byte[] read = Files.isDirectory(Path.of(target)) ? String.join(",", list(Path.of(target))).getBytes() : Files.readAllBytes(Path.of(target));
                    report(data, "read " + target, true, read.length + " bytes");
                } catch (Exception e) {
                    report(data, "read " + target, false, e.toString());
                }
                try {
                    Files.writeString(Path.of(target).resolveSibling("planted-by-phone"), "x");
                    report(data, "write beside " + target, true, "");
                } catch (Exception e) {
                    report(data, "write beside " + target, false, e.toString());
                }
            } else if (target.startsWith("unix:")) {
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(target.substring(5)));
                    report(data, "connect " + target, true, "");
                } catch (Exception e) {
                    report(data, "connect " + target, false, e.toString());
                }
            } else {
                String[] hp = target.split(":");
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 2000);
                    report(data, "connect " + target, true, "");
                } catch (Exception e) {
                    report(data, "connect " + target, false, e.toString());
                }
            }
        }
        // Other processes: the PID namespace holds only this phone's own.
        List<String> foreign = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String command = p.info().commandLine().orElse("?");
            if (p.pid() != ProcessHandle.current().pid() && !command.contains("bwrap") && !command.contains("setpriv")
                    && !command.contains("unshare") && !command.contains("/bin/sh")) {
                foreign.add(p.pid() + " " + command);
            }
        });
        report(data, "see other processes", !foreign.isEmpty(), String.join("; ", foreign));
        // Privileges: none.
        String status = Files.readString(Path.of("/proc/self/status"));
        String capEff = line(status, "CapEff:");
        report(data, "hold capabilities", !capEff.endsWith("0000000000000000"), capEff);
        report(data, "gain privileges", !line(status, "NoNewPrivs:").endsWith("1"), line(status, "NoNewPrivs:"));
        report(data, "escape seccomp", !line(status, "Seccomp:").endsWith("2"), line(status, "Seccomp:"));
    }

    private static List<String> list(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String line(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key)).findFirst().orElse(key + " ?").replaceAll("\\s+", " ").trim();
    }

    /** Threads until the task limit stops it; the count reached is reported as it grows. */
    private static void threadBomb(Path data) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        int started = 0;
        try {
            while (started < 100_000) {
                Thread t = new Thread(() -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                t.setDaemon(true);
                t.start();
                started++;
                if (started % 8 == 0) {
                    Files.writeString(data.resolve("threads"), Integer.toString(started));
                }
            }
            report(data, "start threads without limit", true, started + " threads");
        } catch (Throwable e) {
            Files.writeString(data.resolve("threads"), Integer.toString(started));
            report(data, "start threads without limit", false, started + " threads, then " + e);
        }
    }

    /** Child processes (this JVM's own launcher, the only program the sandbox has) until refused. */
    private static void processBomb(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                children.add(new ProcessBuilder(java, "-Xmx8m", "-XX:TieredStopAtLevel=1", "-version")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                Files.writeString(data.resolve("processes"), Integer.toString(children.size()));
            }
            report(data, "start processes without limit", true, children.size() + " processes");
        } catch (Throwable e) {
            report(data, "start processes without limit", false, children.size() + " processes, then " + e);
        }
    }

    private static void heapBomb(Path data) throws Exception {
        List<long[]> hoard = new ArrayList<>();
        report(data, "allocation started", false, "");
        while (true) {
            hoard.add(new long[1 << 20]); // 8 MiB at a time, until the JVM's limit ends this process
        }
    }

    /** SIGKILL to every process it can see but itself. */
    private static void killEverything(Path data) throws Exception {
        List<String> killed = new ArrayList<>();
        report(data, "signal others", false, "about to signal " + ProcessHandle.allProcesses().count() + " processes");
        ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .forEach(p -> {
                    if (p.destroyForcibly()) {
                        killed.add(Long.toString(p.pid()));
                    }
                });
        report(data, "signalled", false, "sent to " + killed);
    }

    static void report(Path data, String name, boolean succeeded, String detail) throws Exception {
        Files.writeString(data.resolve("report"), name + "\t" + (succeeded ? "SUCCEEDED" : "blocked") + "\t"
                        + detail.replace('\n', ' ') + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
    }
}
