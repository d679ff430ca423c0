package org.workcell.display;

/** Why the server tells the browser something other than pixels; the wire value is {@link #code()}. */
public enum DisplayStatus {
    /** The phone is starting; frames follow. */
    STARTING(1),
    /** Another login took this phone; the server closes this connection. */
    TAKEN_OVER(2),
    PHONE_STOPPED(3),
    SESSION_EXPIRED(4),
    /** An administrator or the group's policy disabled the phone. */
    DISABLED(5),
    LOCKED(6);

    private final int code;

    DisplayStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws DisplayProtocolException for a code no status has */
    public static DisplayStatus of(int code) {
        for (DisplayStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new DisplayProtocolException("unknown status code " + code);
    }
}
