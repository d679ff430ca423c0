package org.workcell.phone.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The phone's user as mail sees them: an address and a display name, derived from the user name. */
record Identity(String address, String displayName, String domain) {
    static final String DEFAULT_DOMAIN = "workcell.example";

    static Identity of(String user) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the local gateway needs a user name");
        }
        String u = user.strip().toLowerCase(Locale.ROOT);
        String local;
        String domain;
        int at = u.lastIndexOf('@');
        if (at > 0 && Checks.isEmail(u)) {
            local = u.substring(0, at);
            domain = u.substring(at + 1);
        } else {
            local = u.replaceAll("[^a-z0-9._-]+", ".").replaceAll("^[._-]+|[._-]+$", "").replaceAll("\\.{2,}", ".");
            if (local.isEmpty()) {
                local = "user";
            }
            domain = DEFAULT_DOMAIN;
        }
        String name = Arrays.stream(local.split("[._-]+"))
                .filter(s -> !s.isEmpty())
                .map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1))
                .collect(Collectors.joining(" "));
        return new Identity(local + "@" + domain, name.isEmpty() ? local : name, domain);
    }

    /** "Name <address>", as mail shows a sender. */
    String mailbox() {
        return displayName + " <" + address + ">";
    }

    /** Whether {@code recipient} is this user's address. */
    boolean is(String recipient) {
        return recipient != null && recipient.equalsIgnoreCase(address);
    }
}
