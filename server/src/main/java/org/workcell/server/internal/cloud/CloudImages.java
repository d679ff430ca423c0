package org.workcell.server.internal.cloud;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.core.jws.JwsException;
import org.workcell.host.PhoneImage;
import org.workcell.image.ChunkStore;
import org.workcell.image.ImageIndex;
import org.workcell.image.ImageManifest;
import org.workcell.image.ImageReader;
import org.workcell.image.ImageZip;
import org.workcell.image.PhoneSpec;
import org.workcell.image.Progress;
import org.workcell.server.internal.group.GroupService;
import org.workcell.server.internal.group.GroupView;
import org.workcell.server.internal.image.ImageRepository;

/**
 * The image trees cloud phones start from, one folder per image version under {@code folder}:
 * the group's image from the repository, checked against the image key and unpacked once, or,
 * while the group's image was never published, the phone image this server carries itself.
 * Trees are read-only to phones and shared by every phone of that version.
 */
final class CloudImages {
    private static final Logger log = LoggerFactory.getLogger(CloudImages.class);

    /** A tree ready to start phones from, and its screen density (the browser needs it). */
    record Resolved(PhoneImage image, int densityDpi) {}

    /** Writes the server's own phone image tree into an empty folder. */
    @FunctionalInterface
    interface BuiltIn {
        void writeTree(Path folder) throws IOException;
    }

    private final Path folder;
    private final GroupService groups;
    private final ImageRepository repository;
    private final ChunkStore chunks;
    private final PublicKey imageKey;
    private final BuiltIn builtIn;
    private final String builtInVersion;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    CloudImages(Path folder, GroupService groups, ImageRepository repository, ChunkStore chunks, PublicKey imageKey, BuiltIn builtIn,
                String builtInVersion) {
        this.folder = folder;
        this.groups = groups;
        this.repository = repository;
        this.chunks = chunks;
        this.imageKey = imageKey;
        this.builtIn = builtIn;
        this.builtInVersion = builtInVersion;
    }

    Resolved forGroup(String group) throws IOException {
        GroupView view = groups.get(group);
        Optional<String> manifest = repository.manifest(view.imageName(), view.imageVersion(), false);
        if (manifest.isEmpty()) {
            return tree("builtin", builtInVersion, builtIn::writeTree);
        }
        return tree(view.imageName(), view.imageVersion(), out -> unpack(manifest.get(), view, out));
    }

    /** The tree of {@code name}/{@code version}, made by {@code maker} into a scratch folder and moved in place when whole. */
    private Resolved tree(String name, String version, BuiltIn maker) throws IOException {
        Path target = folder.resolve(name).resolve(version);
        synchronized (locks.computeIfAbsent(name + "/" + version, k -> new Object())) {
            if (!Files.isRegularFile(target.resolve(PhoneSpec.FILE_NAME))) {
                Files.createDirectories(target.getParent());
                Path scratch = Files.createTempDirectory(target.getParent(), "." + version + ".");
                try {
                    maker.writeTree(scratch);
                    PhoneSpec.read(scratch); // a tree without a readable phone.json is not a phone image
                    readableByPhones(scratch);
                    deleteTree(target); // a half-made tree from a crash
                    try {
                        Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(scratch, target);
                    }
                    log.atInfo().addKeyValue("image", name + " " + version).log("cloud phone image ready");
                } finally {
                    deleteTree(scratch);
                }
            }
        }
        return new Resolved(new PhoneImage(target, version), PhoneSpec.read(target).display().density());
    }

    private void unpack(String token, GroupView group, Path out) throws IOException {
        ImageManifest manifest;
        try {
            manifest = ImageReader.verifyManifest(token, imageKey);
        } catch (JwsException e) {
            throw new IOException("the stored manifest of " + group.imageName() + " " + group.imageVersion()
                    + " does not verify with this server's image key", e);
        }
        ImageIndex index = ImageReader.readIndex(Files.readAllBytes(repository.indexFile(group.imageName(), group.imageVersion())), manifest);
        Path zip = out.resolve(".payload.zip");
        ImageReader.assemble(manifest, index, chunks, zip, Progress.Listener.NONE);
        try {
            ImageZip.extract(zip, out.resolve("tree"));
        } finally {
            Files.deleteIfExists(zip);
        }
        try (Stream<Path> entries = Files.list(out.resolve("tree"))) {
            for (Path entry : entries.toList()) {
                Files.move(entry, out.resolve(entry.getFileName()));
            }
        }
        Files.delete(out.resolve("tree"));
    }

    /** Phones run as their own users: the tree must be readable by all, and writable by none of them. */
    private static void readableByPhones(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
