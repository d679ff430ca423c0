package org.workcell.phone.apps.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.workcell.sdk.data.CrmService;
import org.workcell.sdk.data.DocumentService;
import org.workcell.sdk.data.Gateway;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.MailService;
import org.workcell.sdk.data.Page;

/** An in-memory gateway for app tests; every call must come from background work. */
public final class FakeGateway implements Gateway {
    public final Mail mail = new Mail();
    public final Docs docs = new Docs();
    /** When set, the next call of any service throws it. */
    public GatewayException fail;
    public int calls;

    private void check() {
        if (!AppDriver.working) {
            throw new AssertionError("the gateway was called on the UI thread");
        }
        calls++;
        if (fail != null) {
            GatewayException e = fail;
            fail = null;
            throw e;
        }
    }

    @Override
    public MailService mail() {
        return mail;
    }

    @Override
    public CrmService crm() {
        throw new UnsupportedOperationException();
    }

    @Override
    public DocumentService documents() {
        return docs;
    }

    public final class Mail implements MailService {
        public final Map<String, Message> messages = new LinkedHashMap<>();
        public final List<String> folderIds = new ArrayList<>(List.of("inbox", "sent", "drafts", "archive", "trash"));
        public GatewayException sendError;
        private int next = 1;

        public Message add(String folder, String from, String subject, String body, Instant date, boolean read, Attachment... attachments) {
            String id = "m" + next++;
            messages.put(id, new Message(id, folder, from, List.of("me@workcell.test"), List.of(), subject, body, date, read, List.of(attachments)));
            return messages.get(id);
        }

        private static String name(String id) {
            return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
        }

        @Override
        public List<Folder> folders() {
            check();
            List<Folder> out = new ArrayList<>();
            for (String f : folderIds) {
                List<Message> in = messages.values().stream().filter(m -> m.folder().equals(f)).toList();
                out.add(new Folder(f, name(f), (int) in.stream().filter(m -> !m.read()).count(), in.size()));
            }
            return out;
        }

        private Page<Summary> page(List<Message> all, int offset, int limit) {
            List<Message> sorted = all.stream().sorted(Comparator.comparing(Message::date).reversed()).toList();
            List<Summary> items = sorted.subList(Math.min(offset, sorted.size()), Math.min(offset + limit, sorted.size())).stream()
                    .map(m -> new Summary(m.id(), m.folder(), m.from(), m.subject(), m.body().length() > 80 ? m.body().substring(0, 80) : m.body(),
                            m.date(), m.read(), !m.attachments().isEmpty()))
                    .toList();
            return new Page<>(items, offset, sorted.size());
        }

        @Override
        public Page<Summary> list(String folderId, int offset, int limit) {
            check();
            return page(messages.values().stream().filter(m -> m.folder().equals(folderId)).toList(), offset, limit);
        }

        @Override
        public Page<Summary> search(String query, int offset, int limit) {
            check();
            String q = query.toLowerCase(Locale.ROOT);
            return page(messages.values().stream().filter(m -> (m.from() + " " + m.subject() + " " + m.body()).toLowerCase(Locale.ROOT).contains(q)).toList(), offset, limit);
        }

        @Override
        public Message get(String id) {
            check();
            Message m = messages.get(id);
            if (m == null) {
                throw new GatewayException(GatewayException.Kind.NOT_FOUND, "No message " + id);
            }
            return m;
        }

        @Override
        public void markRead(String id, boolean read) {
            check();
            Message m = messages.get(id);
            messages.put(id, new Message(m.id(), m.folder(), m.from(), m.to(), m.cc(), m.subject(), m.body(), m.date(), read, m.attachments()));
        }

        @Override
        public String send(Draft draft) {
            check();
            if (sendError != null) {
                throw sendError;
            }
            String id = "m" + next++;
            messages.put(id, new Message(id, "sent", "me@workcell.test", draft.to(), draft.cc(), draft.subject(), draft.body(), Instant.parse("2025-06-01T12:00:00Z"), true, List.of()));
            lastDraft = draft;
            return id;
        }

        public Draft lastDraft;

        @Override
        public void move(String id, String folderId) {
            check();
        }
    }

    public final class Docs implements DocumentService {
        public final Map<String, Document> documents = new LinkedHashMap<>();
        public final Map<String, byte[]> contents = new LinkedHashMap<>();

        public Document add(String folder, String name, Type type, byte[] content) {
            String id = "d" + (documents.size() + 1);
            documents.put(id, new Document(id, name, folder, type, content.length, Instant.parse("2025-03-03T10:00:00Z")));
            contents.put(id, content);
            return documents.get(id);
        }

        @Override
        public Page<Document> list(String query, int offset, int limit) {
            check();
            String q = query.toLowerCase(Locale.ROOT);
            List<Document> all = documents.values().stream().filter(d -> d.name().toLowerCase(Locale.ROOT).contains(q))
                    .sorted(Comparator.comparing(Document::folder).thenComparing(Document::name)).toList();
            return new Page<>(all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())), offset, all.size());
        }

        @Override
        public Document get(String id) {
            check();
            Document d = documents.get(id);
            if (d == null) {
                throw new GatewayException(GatewayException.Kind.NOT_FOUND, "No document " + id);
            }
            return d;
        }

        @Override
        public byte[] content(String id, int maxBytes) {
            check();
            byte[] b = contents.get(id);
            if (b.length > maxBytes) {
                throw new GatewayException(GatewayException.Kind.INVALID, "The document is larger than " + maxBytes + " bytes");
            }
            return b;
        }
    }
}
