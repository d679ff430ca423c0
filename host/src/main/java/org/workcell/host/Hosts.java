package org.workcell.host;

import org.workcell.host.internal.LocalHost;

/** Makes hosts. */
public final class Hosts {
    private Hosts() {}

    /**
     * A host running phones as sandboxed processes on this machine.
     *
     * @throws HostException if no sandbox works here and {@code insecureNoSandbox} is not set, or the
     *     requested isolation is not available
     */
    public static Host local(HostConfig config) {
        return LocalHost.open(config);
    }
}
