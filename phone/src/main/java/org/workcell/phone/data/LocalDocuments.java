package org.workcell.phone.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.workcell.sdk.data.DocumentService;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.Page;

/**
 * Read-only documents: their bytes in {@code documents/}, one file each, and {@code documents.json}
 * listing them with size and SHA-256. The index is written last, so a seed cut short is redone.
 */
final class LocalDocuments implements DocumentService {
    static final String INDEX = "documents.json";
    static final String FOLDER = "documents";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");

    record Entry(Document document, String file, String sha256) {}

    record IndexFile(int format, List<Entry> documents) {}

    static final Comparator<Document> ORDER = Comparator.comparing((Document d) -> d.folder().toLowerCase(Locale.ROOT))
            .thenComparing(d -> d.name().toLowerCase(Locale.ROOT)).thenComparing(Document::id);

    private final Path dataFolder;
    private final DataFile<IndexFile> index;
    private final Identity me;
    private final Clock clock;

    private Map<String, Entry> entries; // guarded by this

    LocalDocuments(Path dataFolder, Identity me, Clock clock) {
        this.dataFolder = dataFolder;
        this.index = new DataFile<>(dataFolder.resolve(INDEX), IndexFile.class);
        this.me = me;
        this.clock = clock;
    }

    private void ensureLoaded() {
        if (entries != null) {
            return;
        }
        IndexFile loaded = index.load();
        if (loaded == null) {
            loaded = seed();
        } else {
            check(loaded);
            removeStrayTemporaries();
        }
        Map<String, Entry> byId = new LinkedHashMap<>();
        loaded.documents().forEach(e -> byId.put(e.document().id(), e));
        entries = byId;
    }

    private IndexFile seed() {
        List<Entry> list = new Seed(me, clock.instant()).documents().stream().map(d -> {
            String ext = switch (d.document().type()) {
                case TEXT -> ".txt";
                case MARKDOWN -> ".md";
                case IMAGE -> ".png";
            };
            String name = d.document().id() + ext;
            Path target = dataFolder.resolve(FOLDER).resolve(name);
            DataFile.removeStrayTemporaries(target);
            DataFile.write(target, d.content());
            return new Entry(d.document(), name, sha256(d.content()));
        }).toList();
        IndexFile file = new IndexFile(1, list);
        index.save(file);
        return file;
    }

    /** Temporary files of a seed that was killed; the files the index names are never temporary. */
    private void removeStrayTemporaries() {
        try (var stray = Files.newDirectoryStream(dataFolder.resolve(FOLDER), p -> {
            String name = p.getFileName().toString();
            return name.startsWith(".") && name.endsWith(".tmp");
        })) {
            for (Path p : stray) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // harmless: a stray temporary file is never read
        }
    }

    private void check(IndexFile f) {
        String why = null;
        if (f.format() != 1) {
            why = "unknown format " + f.format();
        } else if (f.documents() == null) {
            why = "documents missing";
        } else {
            Set<String> ids = new HashSet<>();
            for (Entry e : f.documents()) {
                if (e == null || e.document() == null || e.document().id() == null || e.document().name() == null
                        || e.document().folder() == null || e.document().type() == null || e.file() == null
                        || !FILE_NAME.matcher(e.file()).matches() || e.sha256() == null || !ids.add(e.document().id())) {
                    why = "a document without id, name, folder, type or file, or twice";
                    break;
                }
            }
        }
        if (why != null) {
            throw DataFile.damaged(index.path(), why, null);
        }
    }

    private Entry require(String id) {
        Entry e = entries.get(Checks.id(id, "document"));
        if (e == null) {
            throw Checks.notFound("no document " + id);
        }
        return e;
    }

    @Override
    public synchronized Page<Document> list(String query, int offset, int limit) {
        Checks.paging(offset, limit);
        String q = Checks.query(query);
        ensureLoaded();
        List<Document> matching = entries.values().stream().map(Entry::document).filter(d -> Checks.contains(d.name(), q)).toList();
        return Checks.page(matching, ORDER, offset, limit);
    }

    @Override
    public synchronized Document get(String id) {
        ensureLoaded();
        return require(id).document();
    }

    @Override
    public synchronized byte[] content(String id, int maxBytes) {
        if (maxBytes < 1) {
            throw Checks.invalid("maxBytes must be at least 1, not " + maxBytes);
        }
        ensureLoaded();
        Entry e = require(id);
        Document d = e.document();
        if (d.size() > maxBytes) {
            throw Checks.invalid("the document '" + d.name() + "' is " + d.size() + " bytes, more than the " + maxBytes + " bytes allowed");
        }
        Path path = dataFolder.resolve(FOLDER).resolve(e.file());
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            // Never more than the index promised (plus one, to see that the file grew).
            bytes = in.readNBytes((int) d.size() + 1);
        } catch (NoSuchFileException x) {
            throw DataFile.damaged(path, "the file of '" + d.name() + "' is missing", x);
        } catch (IOException x) {
            throw new GatewayException(GatewayException.Kind.UNAVAILABLE, "cannot read " + path + ": " + x.getMessage(), x);
        }
        if (bytes.length != d.size() || !sha256(bytes).equals(e.sha256())) {
            throw DataFile.damaged(path, "the file of '" + d.name() + "' does not match its index entry", null);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
