package org.workcell.core;

/** The version of this Workcell build, as reported by agents and the server. */
public final class Version {
    public static final String CURRENT = "0.1.0";

    private Version() {}
}
