package org.workcell.host;

/** Where a phone is in its life, as its host sees it. */
public enum PhoneState {
    /** The process is started; the phone has not greeted the host yet. */
    STARTING,
    /** Greeted the host; frames and input flow. */
    RUNNING,
    /** Paused and frozen: no CPU until resumed. */
    SUSPENDED,
    /** Asked to stop; waiting for it to save and exit. */
    STOPPING,
    /** Stopped on request; not restarted. */
    STOPPED,
    /** Exited on its own or broke the channel; waiting out the backoff before a restart. */
    CRASHED
}
