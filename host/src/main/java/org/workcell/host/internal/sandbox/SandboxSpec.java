package org.workcell.host.internal.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.workcell.host.Limits;

/**
 * One phone's sandbox: what it sees (the image read-only, its data folder, extra read-only paths
 * such as the JDK) and its limits. {@code scratch} is a host folder of this phone's that the
 * sandbox may use for mount points; the phone never sees it.
 */
public record SandboxSpec(String phoneId, Path image, Path data, Path scratch, List<Path> readOnly, Limits limits,
                          Map<String, String> env) {
    public SandboxSpec {
        readOnly = List.copyOf(readOnly);
        env = Map.copyOf(env);
    }
}
