package org.workcell.server.internal.http;

/** Who did something, for the audit log: an admin, a device, or the server itself. */
public record Actor(Type type, String name, String address) {
    public enum Type { ADMIN, DEVICE, USER, SYSTEM }

    public static Actor system() {
        return new Actor(Type.SYSTEM, "system", null);
    }

    public String typeName() {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
