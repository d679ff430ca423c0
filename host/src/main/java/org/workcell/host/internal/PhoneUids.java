package org.workcell.host.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * A host user id for each phone when the host runs as root, so that phones differ on the host as
 * well as inside their namespaces (their files, their process limits). Kept in the run folder so
 * a phone keeps its id, and its data folder its owner, across host restarts.
 */
final class PhoneUids {
    private final int first;
    private final Path file;
    private final Properties uids = new Properties();

    PhoneUids(Path runFolder) throws IOException {
        this.file = runFolder.resolve("phone-uids.properties");
        // Each run folder its own range of 100,000 ids, so two hosts on one machine do not share users.
        this.first = 1_000_000_000 + Math.floorMod(runFolder.toString().hashCode(), 10_000) * 100_000;
        if (Files.exists(file)) {
            uids.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        }
    }

    synchronized int of(String phoneId) throws IOException {
        String known = uids.getProperty(phoneId);
        if (known != null) {
            return Integer.parseInt(known);
        }
        Set<Integer> taken = new HashSet<>();
        uids.values().forEach(v -> taken.add(Integer.parseInt((String) v)));
        int uid = first;
        while (taken.contains(uid)) {
            uid++;
        }
        uids.setProperty(phoneId, Integer.toString(uid));
        StringWriter out = new StringWriter();
        uids.store(out, "host user id of each phone");
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, out.toString(), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return uid;
    }
}
