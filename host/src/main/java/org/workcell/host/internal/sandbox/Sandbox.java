package org.workcell.host.internal.sandbox;

import java.util.List;
import org.workcell.host.Isolation;

/** Turns a phone's command into one that runs it isolated. */
public interface Sandbox {
    Isolation isolation();

    /** Whether the seccomp program is loaded into the phone (it must then be open as file descriptor 3). */
    boolean seccomp();

    PhoneView view(SandboxSpec spec);

    /** The whole command: the sandbox tool and its options, then {@code phoneCommand}. */
    List<String> wrap(SandboxSpec spec, List<String> phoneCommand);

    /** Read-only binds that give a JVM what it needs: the C libraries, the JDK, the given paths. */
    static List<java.nio.file.Path> systemReadOnly(SandboxSpec spec) {
        List<java.nio.file.Path> paths = new java.util.ArrayList<>();
        for (java.nio.file.Path p : spec.readOnly()) {
            if (!p.startsWith("/usr/lib") && !paths.contains(p)) {
                paths.add(p);
            }
        }
        return paths;
    }
}
