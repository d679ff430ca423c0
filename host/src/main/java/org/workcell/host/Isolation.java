package org.workcell.host;

/** How phones are sandboxed. */
public enum Isolation {
    /** Debian's bubblewrap: namespaces, a seccomp filter, capabilities dropped. */
    BUBBLEWRAP,
    /** util-linux's unshare with a mount script: namespaces and capabilities dropped, no seccomp filter. */
    UNSHARE,
    /** No sandbox at all: only with {@code --insecure-no-sandbox}, and every start says so. */
    NONE
}
