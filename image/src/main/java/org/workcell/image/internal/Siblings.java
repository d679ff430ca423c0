package org.workcell.image.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Temporary files and folders made beside a target, so that renaming them into place is atomic. */
final class Siblings {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Keeps the temporary name under NAME_MAX (255 bytes) even for a long, non-ASCII target name. */
    private static final int NAME_CODE_POINTS = 40;

    private Siblings() {
    }

    /**
     * {@code .<target name>.<tag>-<random>} in the target's folder: hidden, recognisable as
     * belonging to the target if a crash leaves it behind, and unguessable so that nobody can
     * prepare a file or link under that name beforehand.
     */
    static Path name(Path target, String tag) {
        String name = target.getFileName().toString();
        if (name.codePointCount(0, name.length()) > NAME_CODE_POINTS) {
            name = name.substring(0, name.offsetByCodePoints(0, NAME_CODE_POINTS));
        }
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return target.resolveSibling("." + name + "." + tag + "-" + HexFormat.of().formatHex(random));
    }

    /**
     * Deletes a tree without following links. Keeps going past files it cannot delete, so that
     * as little as possible is left, and reports the first failure.
     */
    static void deleteTree(Path root) throws IOException {
        IOException[] first = new IOException[1];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        note(e);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        note(e);
                    }
                    delete(dir);
                    return FileVisitResult.CONTINUE;
                }

                private void delete(Path path) {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        note(e);
                    }
                }

                private void note(IOException e) {
                    if (first[0] == null) {
                        first[0] = e;
                    }
                }
            });
        } catch (NoSuchFileException e) {
            return;
        }
        if (first[0] != null) {
            throw first[0];
        }
    }

    /**
     * Makes a folder's entries durable, so that after a crash a renamed-in result is either
     * complete or absent. Best effort: some systems cannot open a folder for syncing, and by the
     * time this runs the work has succeeded.
     */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform syncs folders (Windows cannot open one); the data files are synced.
        }
    }
}
