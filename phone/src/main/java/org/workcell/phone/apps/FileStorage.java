package org.workcell.phone.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.workcell.sdk.app.Storage;

/** An app's files under the phone's data folder: {@code appdata/<app id>/}. */
public final class FileStorage implements Storage {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_FILE_BYTES = 4 << 20;

    private final Path folder;

    public FileStorage(Path folder) {
        this.folder = folder;
    }

    @Override
    public Path folder() throws IOException {
        return Files.createDirectories(folder);
    }

    @Override
    public Map<String, String> read(String name) throws IOException {
        Path file = folder.resolve(checked(name) + ".properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new IOException(name + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            p.load(new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        new TreeMap<>(p).forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    @Override
    public void write(String name, Map<String, String> values) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        java.io.StringWriter text = new java.io.StringWriter();
        p.store(text, null);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(name + " would be larger than " + MAX_FILE_BYTES + " bytes");
        }
        writeAtomically(folder().resolve(checked(name) + ".properties"), bytes);
    }

    private static String checked(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a storage file name is 1 to 64 letters, digits, '.', '_' or '-', not '" + name + "'");
        }
        return name;
    }

    /** Writes to a temporary file, syncs it and renames it into place: a crash leaves the old or the new file. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            out.write(bytes);
            out.flush();
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
