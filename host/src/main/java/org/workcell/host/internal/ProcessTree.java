package org.workcell.host.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.workcell.host.ResourceUse;

/** A phone's processes seen from the host through /proc: their use, and signals the JDK cannot send. */
final class ProcessTree {
    /** Linux reports CPU time in clock ticks; 100 a second on every mainstream kernel configuration. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessTree() {}

    static List<ProcessHandle> of(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    static ResourceUse use(ProcessHandle root) {
        long rss = 0;
        long pss = 0;
        long ticks = 0;
        int tasks = 0;
        for (ProcessHandle p : of(root)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    } else if (line.startsWith("Threads:")) {
                        tasks += Integer.parseInt(line.replaceAll("[^0-9]", ""));
                    }
                }
                pss += proportional(p.pid());
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                // Fields after the command name (which may hold spaces) start at state: utime and stime are 12 and 13 on.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                // the process ended while being read
            }
        }
        return new ResourceUse(rss, pss, ticks * 1000 / TICKS_PER_SECOND, tasks);
    }

    /** The process's proportional set size in bytes, from the kernel's one-line summary of its mappings. */
    private static long proportional(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /** Whether the kernel reports every process of the tree stopped (by SIGSTOP). */
    static boolean stopped(ProcessHandle root) throws IOException {
        for (ProcessHandle p : of(root)) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("State:") && !line.contains("T (stopped)")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sends SIGSTOP or SIGCONT to every process of the tree. */
    static void signal(ProcessHandle root, String signal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/kill", "-" + signal, "--"));
        of(root).forEach(p -> command.add(Long.toString(p.pid())));
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
