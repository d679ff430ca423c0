package org.workcell.phone.data;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.workcell.sdk.data.MailService;
import org.workcell.sdk.data.Page;

/** The mailbox in {@code mail.json}: every change rewrites the file atomically before it is visible. */
final class LocalMail implements MailService {
    static final String FILE = "mail.json";
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 100_000;
    static final int MAX_RECIPIENTS = 50;
    static final int PREVIEW = 140;

    /** The file: folders in display order and every message. */
    record MailFile(int format, List<StoredFolder> folders, List<Message> messages) {}

    record StoredFolder(String id, String name) {}

    private static final Comparator<Message> NEWEST_FIRST = Comparator.comparing(Message::date).reversed().thenComparing(Message::id);

    private final DataFile<MailFile> file;
    private final Identity me;
    private final Clock clock;

    // Guarded by this; replaced (never mutated) on each committed change.
    private List<StoredFolder> folders;
    private Map<String, Message> messages;

    LocalMail(Path dataFolder, Identity me, Clock clock) {
        this.file = new DataFile<>(dataFolder.resolve(FILE), MailFile.class);
        this.me = me;
        this.clock = clock;
    }

    private void ensureLoaded() {
        if (messages != null) {
            return;
        }
        MailFile loaded = file.load();
        if (loaded == null) {
            Seed.Mail seed = new Seed(me, clock.instant()).mail();
            List<StoredFolder> f = seed.folders().stream().map(s -> new StoredFolder(s[0], s[1])).toList();
            loaded = new MailFile(1, f, seed.messages());
            file.save(loaded);
        } else {
            check(loaded);
        }
        folders = List.copyOf(loaded.folders());
        Map<String, Message> byId = new LinkedHashMap<>();
        loaded.messages().forEach(m -> byId.put(m.id(), m));
        messages = byId;
    }

    private void check(MailFile f) {
        String why = null;
        Set<String> folderIds = new HashSet<>();
        if (f.format() != 1) {
            why = "unknown format " + f.format();
        } else if (f.folders() == null || f.messages() == null) {
            why = "folders or messages missing";
        } else {
            for (StoredFolder folder : f.folders()) {
                if (folder == null || folder.id() == null || folder.name() == null || !folderIds.add(folder.id())) {
                    why = "a folder without id or name, or twice";
                }
            }
            for (String[] standard : Seed.FOLDERS) {
                if (why == null && !folderIds.contains(standard[0])) {
                    why = "the folder " + standard[1] + " is missing";
                }
            }
            Set<String> ids = new HashSet<>();
            for (Message m : f.messages()) {
                if (m == null || m.id() == null || !ids.add(m.id()) || !folderIds.contains(m.folder()) || m.date() == null
                        || m.from() == null || m.subject() == null || m.body() == null) {
                    why = why != null ? why : "a message without id, folder, date, sender, subject or body, or twice";
                    break;
                }
            }
        }
        if (why != null) {
            throw DataFile.damaged(file.path(), why, null);
        }
    }

    private void commit(Map<String, Message> next) {
        List<Message> all = new ArrayList<>(next.values());
        all.sort(NEWEST_FIRST);
        file.save(new MailFile(1, folders, all));
        messages = next;
    }

    private Message require(String id) {
        Message m = messages.get(Checks.id(id, "message"));
        if (m == null) {
            throw Checks.notFound("no message " + id);
        }
        return m;
    }

    private void requireFolder(String folderId) {
        Checks.id(folderId, "folder");
        if (folders.stream().noneMatch(f -> f.id().equals(folderId))) {
            throw Checks.notFound("no folder " + folderId);
        }
    }

    @Override
    public synchronized List<Folder> folders() {
        ensureLoaded();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Message m : messages.values()) {
            int[] c = counts.computeIfAbsent(m.folder(), k -> new int[2]);
            c[1]++;
            if (!m.read()) {
                c[0]++;
            }
        }
        return folders.stream().map(f -> {
            int[] c = counts.getOrDefault(f.id(), new int[2]);
            return new Folder(f.id(), f.name(), c[0], c[1]);
        }).toList();
    }

    @Override
    public synchronized Page<Summary> list(String folderId, int offset, int limit) {
        Checks.paging(offset, limit);
        ensureLoaded();
        requireFolder(folderId);
        return summaries(messages.values().stream().filter(m -> m.folder().equals(folderId)).toList(), offset, limit);
    }

    @Override
    public synchronized Page<Summary> search(String query, int offset, int limit) {
        Checks.paging(offset, limit);
        String q = Checks.query(query);
        ensureLoaded();
        return summaries(messages.values().stream()
                .filter(m -> Checks.contains(m.from(), q) || Checks.contains(m.subject(), q) || Checks.contains(m.body(), q))
                .toList(), offset, limit);
    }

    private static Page<Summary> summaries(List<Message> matching, int offset, int limit) {
        Page<Message> page = Checks.page(matching, NEWEST_FIRST, offset, limit);
        return new Page<>(page.items().stream().map(LocalMail::summary).toList(), page.offset(), page.total());
    }

    static Summary summary(Message m) {
        String text = m.body().replaceAll("\\s+", " ").strip();
        String preview = text.length() <= PREVIEW ? text : text.substring(0, PREVIEW - 1).stripTrailing() + "…";
        return new Summary(m.id(), m.folder(), m.from(), m.subject(), preview, m.date(), m.read(), !m.attachments().isEmpty());
    }

    @Override
    public synchronized Message get(String id) {
        ensureLoaded();
        return require(id);
    }

    @Override
    public synchronized void markRead(String id, boolean read) {
        ensureLoaded();
        Message m = require(id);
        if (m.read() == read) {
            return;
        }
        Map<String, Message> next = new LinkedHashMap<>(messages);
        next.put(m.id(), new Message(m.id(), m.folder(), m.from(), m.to(), m.cc(), m.subject(), m.body(), m.date(), read, m.attachments()));
        commit(next);
    }

    @Override
    public synchronized void move(String id, String folderId) {
        ensureLoaded();
        Message m = require(id);
        requireFolder(folderId);
        if (m.folder().equals(folderId)) {
            return;
        }
        Map<String, Message> next = new LinkedHashMap<>(messages);
        next.put(m.id(), new Message(m.id(), folderId, m.from(), m.to(), m.cc(), m.subject(), m.body(), m.date(), m.read(), m.attachments()));
        commit(next);
    }

    @Override
    public synchronized String send(Draft draft) {
        validate(draft);
        ensureLoaded();
        if (draft.inReplyTo() != null) {
            require(draft.inReplyTo());
        }
        var now = clock.instant();
        String subject = draft.subject() == null ? "" : draft.subject();
        String body = draft.body() == null ? "" : draft.body();
        Message sent = new Message(UUID.randomUUID().toString(), "sent", me.mailbox(), draft.to(), draft.cc(), subject, body, now, true, List.of());
        Map<String, Message> next = new LinkedHashMap<>(messages);
        next.put(sent.id(), sent);
        boolean toSelf = draft.to().stream().anyMatch(me::is) || draft.cc().stream().anyMatch(me::is);
        if (toSelf && folders.stream().anyMatch(f -> f.id().equals("inbox"))) {
            Message received = new Message(UUID.randomUUID().toString(), "inbox", me.mailbox(), draft.to(), draft.cc(), subject, body, now, false, List.of());
            next.put(received.id(), received);
        }
        commit(next);
        return sent.id();
    }

    static void validate(Draft draft) {
        if (draft == null) {
            throw Checks.invalid("nothing to send");
        }
        if (draft.to().isEmpty()) {
            throw Checks.invalid("a message needs at least one recipient");
        }
        int count = draft.to().size() + draft.cc().size();
        if (count > MAX_RECIPIENTS) {
            throw Checks.invalid("a message goes to at most " + MAX_RECIPIENTS + " recipients (" + count + " given)");
        }
        for (String address : concat(draft.to(), draft.cc())) {
            if (!Checks.isEmail(address)) {
                throw Checks.invalid("not an email address: '" + Checks.shorten(String.valueOf(address)) + "'");
            }
        }
        Checks.optional(draft.subject(), "the subject", MAX_SUBJECT);
        Checks.multiline(draft.body(), "the message", MAX_BODY);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
