package org.workcell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.workcell.host.HostConfig;
import org.workcell.host.Isolation;
import org.workcell.host.PhoneImage;

/**
 * What the benchmarks that run many real phones share: the standard phone image written into a
 * work folder, a host set up for many phones at once, and where to tap on the standard screen.
 */
final class BenchPhones {
    /** Where on a 720 by 1560 screen the home screen's Notes tile and the navigation bar's back button are. */
    static final double[] APP_TILE = {442 / 720.0, 360 / 1560.0};
    static final double[] BACK_BUTTON = {152 / 720.0, 1512 / 1560.0};

    /** The image the phones start from, the folder their data folders go in, and the host's settings. */
    record Setup(PhoneImage image, Path data, HostConfig config) {}

    private BenchPhones() {}

    static Setup prepare(Path work, Isolation isolation) throws IOException {
        openFolder(work);
        Path tree = openFolder(work.resolve("image")).resolve("v1");
        org.workcell.phone.PhoneImage.writeTree(tree, org.workcell.phone.PhoneImage.Options.defaults());
        Path data = openFolder(work.resolve("data"));
        HostConfig config = HostConfig.defaults(openFolder(work.resolve("run")))
                .withIsolation(isolation, false)
                // Hundreds of JVMs starting on few cores greet slowly; nothing here may be suspended as idle.
                .withTimeouts(Duration.ofMinutes(5), Duration.ofSeconds(20), Duration.ofDays(1));
        return new Setup(new PhoneImage(tree, "v1"), data, config);
    }

    /** Phones run as users of their own: the folders they start from must be open to others to enter. */
    private static Path openFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
