package org.workcell.host;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A local host's settings. {@code isolation} null means the strongest this machine offers
 * (bubblewrap, then unshare); with neither, phones start only if {@code insecureNoSandbox}.
 * {@code runFolder} holds the host's own working files (seccomp program, per-phone mount points,
 * per-phone user ids); it is not shown to phones.
 */
public record HostConfig(Path runFolder, Isolation isolation, boolean insecureNoSandbox, Limits limits, PhoneRuntime runtime,
                         Duration helloTimeout, Duration stopTimeout, Duration idleSuspend, Duration restartBackoff,
                         Duration maxRestartBackoff, InstantSource clock, ContainerKeys containerKeys, GatewayRelay gateway) {
    public HostConfig {
        Objects.requireNonNull(runFolder, "runFolder");
        runFolder = runFolder.toAbsolutePath().normalize();
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(containerKeys, "containerKeys");
        Objects.requireNonNull(gateway, "gateway");
        for (Duration d : new Duration[] {helloTimeout, stopTimeout, idleSuspend, restartBackoff, maxRestartBackoff}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("host durations must be positive");
            }
        }
        if (maxRestartBackoff.compareTo(restartBackoff) < 0) {
            throw new IllegalArgumentException("the longest restart backoff must not be shorter than the first");
        }
    }

    /** The strongest sandbox here, default limits, the image's own runtime, no gateway. */
    public static HostConfig defaults(Path runFolder) {
        return new HostConfig(runFolder, null, false, Limits.DEFAULT, PhoneRuntime.current(), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofMinutes(1),
                InstantSource.system(), ContainerKeys.NONE, GatewayRelay.NONE);
    }

    public HostConfig withIsolation(Isolation value, boolean insecure) {
        return new HostConfig(runFolder, value, insecure, limits, runtime, helloTimeout, stopTimeout, idleSuspend, restartBackoff,
                maxRestartBackoff, clock, containerKeys, gateway);
    }

    public HostConfig withLimits(Limits value) {
        return new HostConfig(runFolder, isolation, insecureNoSandbox, value, runtime, helloTimeout, stopTimeout, idleSuspend,
                restartBackoff, maxRestartBackoff, clock, containerKeys, gateway);
    }

    public HostConfig withRuntime(PhoneRuntime value) {
        return new HostConfig(runFolder, isolation, insecureNoSandbox, limits, value, helloTimeout, stopTimeout, idleSuspend,
                restartBackoff, maxRestartBackoff, clock, containerKeys, gateway);
    }

    public HostConfig withTimeouts(Duration hello, Duration stop, Duration idle) {
        return new HostConfig(runFolder, isolation, insecureNoSandbox, limits, runtime, hello, stop, idle, restartBackoff,
                maxRestartBackoff, clock, containerKeys, gateway);
    }

    public HostConfig withRestartBackoff(Duration first, Duration max) {
        return new HostConfig(runFolder, isolation, insecureNoSandbox, limits, runtime, helloTimeout, stopTimeout, idleSuspend, first,
                max, clock, containerKeys, gateway);
    }

    public HostConfig withClock(InstantSource value) {
        return new HostConfig(runFolder, isolation, insecureNoSandbox, limits, runtime, helloTimeout, stopTimeout, idleSuspend,
                restartBackoff, maxRestartBackoff, value, containerKeys, gateway);
    }

    public HostConfig withGateway(ContainerKeys keys, GatewayRelay relay) {
        return new HostConfig(runFolder, isolation, insecureNoSandbox, limits, runtime, helloTimeout, stopTimeout, idleSuspend,
                restartBackoff, maxRestartBackoff, clock, keys, relay);
    }
}
