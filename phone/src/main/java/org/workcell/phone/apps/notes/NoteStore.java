package org.workcell.phone.apps.notes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.workcell.sdk.app.Storage;

/**
 * Notes as files in the app's storage, one per note ({@code note-<id>.properties} with the text
 * and when it was last changed), each replaced atomically by {@link Storage#write}: a crash
 * leaves the old note or the new one. Thread-safe (the list loads off the UI thread).
 */
final class NoteStore {
    static final int MAX_CHARS = 200_000;
    private static final String PREFIX = "note-";
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,40}");

    record Note(String id, String text, long modified) {
        /** The first line that is not blank: the note's title. */
        String title() {
            for (String line : text.split("\n", -1)) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
            return "Empty note";
        }

        /** The text after the title line, on one line. */
        String preview() {
            String t = text.strip();
            int nl = t.indexOf('\n');
            return nl < 0 ? "" : t.substring(nl + 1).strip().replaceAll("\\s+", " ");
        }
    }

    private final Storage storage;
    private long lastStamp;

    NoteStore(Storage storage) {
        this.storage = storage;
    }

    /** Every note containing {@code query} (any case; empty: all), newest first. */
    synchronized List<Note> search(String query) throws IOException {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Note> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(storage.folder(), PREFIX + "*.properties")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring(PREFIX.length(), name.length() - ".properties".length());
                if (!ID.matcher(id).matches()) {
                    continue;
                }
                find(id).filter(n -> q.isEmpty() || n.text().toLowerCase(Locale.ROOT).contains(q)).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparingLong(Note::modified).reversed().thenComparing(Note::id));
        return out;
    }

    synchronized Optional<Note> find(String id) throws IOException {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        try {
            Map<String, String> values = storage.read(PREFIX + id);
            if (values.isEmpty()) {
                return Optional.empty();
            }
            long modified;
            try {
                modified = Long.parseLong(values.getOrDefault("modified", "0"));
            } catch (NumberFormatException e) {
                modified = 0;
            }
            return Optional.of(new Note(id, values.getOrDefault("text", ""), modified));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes a note (a new one when {@code id} is null); returns it as stored. */
    synchronized Note save(String id, String text) throws IOException {
        if (text.length() > MAX_CHARS) {
            throw new IOException("a note is at most " + MAX_CHARS + " characters");
        }
        String noteId = id != null ? id : newId();
        if (!ID.matcher(noteId).matches()) {
            throw new IOException("bad note id " + noteId);
        }
        // Later saves sort first, even within one millisecond.
        long stamp = Math.max(System.currentTimeMillis(), lastStamp + 1);
        lastStamp = stamp;
        storage.write(PREFIX + noteId, Map.of("text", text, "modified", Long.toString(stamp)));
        return new Note(noteId, text, stamp);
    }

    synchronized void delete(String id) throws IOException {
        if (id != null && ID.matcher(id).matches()) {
            Files.deleteIfExists(storage.folder().resolve(PREFIX + id + ".properties"));
        }
    }

    private static String newId() {
        return Long.toString(System.currentTimeMillis(), 36) + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }
}
