package org.workcell.sdk.data;

import java.time.Instant;
import java.util.List;

/** The user's mailbox. */
public interface MailService {
    record Folder(String id, String name, int unread, int total) {}

    record Summary(String id, String folder, String from, String subject, String preview, Instant date, boolean read, boolean attachments) {}

    record Attachment(String name, String type, long size) {}

    record Message(String id, String folder, String from, List<String> to, List<String> cc, String subject, String body,
                   Instant date, boolean read, List<Attachment> attachments) {
        public Message {
            to = List.copyOf(to);
            cc = List.copyOf(cc);
            attachments = List.copyOf(attachments);
        }
    }

    /** A message to send; {@code inReplyTo} is the id of the message answered, or null. */
    record Draft(List<String> to, List<String> cc, String subject, String body, String inReplyTo) {
        public Draft {
            to = List.copyOf(to);
            cc = List.copyOf(cc);
        }
    }

    /** Inbox, Sent, Drafts, Archive, Trash and the user's own. */
    List<Folder> folders();

    /** Messages of a folder, newest first. */
    Page<Summary> list(String folderId, int offset, int limit);

    /** Messages whose sender, subject or text contain {@code query}, newest first. */
    Page<Summary> search(String query, int offset, int limit);

    Message get(String id);

    void markRead(String id, boolean read);

    /** Sends (a copy lands in Sent); returns the sent message's id. */
    String send(Draft draft);

    void move(String id, String folderId);
}
