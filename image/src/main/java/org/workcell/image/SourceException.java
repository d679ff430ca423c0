package org.workcell.image;

import java.io.IOException;

/**
 * A {@link FetchSource} could not deliver a file, and says whether trying again could help. Any
 * other {@link IOException} from a source counts as {@link Kind#TRANSIENT}.
 */
public class SourceException extends IOException {
    public enum Kind {
        /** Network trouble, a timeout, a server error: worth another attempt after a pause. */
        TRANSIENT,
        /** The file is not there (HTTP 404, no such file): asking again will not make it appear. */
        NOT_FOUND,
        /** The source refused (HTTP 401/403, a location outside the store): a setup problem. */
        REFUSED,
        /** The file is larger than anything it could legitimately be: it is not what was asked for. */
        OVERSIZED
    }

    private final Kind kind;

    public SourceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
