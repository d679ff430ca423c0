package org.workcell.sdk.data;

import java.time.Instant;

/** Company documents, read-only on the phone. */
public interface DocumentService {
    enum Type { TEXT, MARKDOWN, IMAGE }

    record Document(String id, String name, String folder, Type type, long size, Instant modified) {}

    /** Documents whose name contains {@code query} (empty: all), by folder and name. */
    Page<Document> list(String query, int offset, int limit);

    Document get(String id);

    /** The document's bytes; refused beyond {@code maxBytes}. */
    byte[] content(String id, int maxBytes);
}
