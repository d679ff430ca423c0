package org.workcell.host;

/** Hears from a phone's display. Called on the host's threads: return quickly, never block. */
public interface DisplayListener {
    /** Something changed on screen since the client's last take. */
    void frameReady();

    /** The phone's text left the work phone by copy; the client decides by policy whether to show it. */
    default void clipboard(String text) {}

    /** The session ended: another client attached, the phone stopped or was torn down. */
    void detached(String reason);
}
