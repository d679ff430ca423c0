package org.workcell.host;

import java.util.List;

/**
 * How this host isolates and limits its phones. {@code limits} is {@code "cgroup-v1"} or
 * {@code "cgroup-v2"} when each phone gets its own cgroup (memory, tasks, CPU and a freezer), or {@code "rlimit"} when only
 * process limits and the JVM's own limits apply; {@code warnings} says what is weaker than it
 * should be here and why.
 */
public record HostStatus(Isolation isolation, boolean seccomp, boolean ownUserPerPhone, String limits, Limits defaults,
                         int phones, List<String> warnings) {
    public HostStatus {
        warnings = List.copyOf(warnings);
    }
}
