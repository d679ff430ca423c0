package org.workcell.sdk.app;

import java.util.Locale;
import java.util.Optional;

/**
 * What an app may do beyond drawing its own screens and keeping its own files. An app declares the
 * permissions it needs in its manifest; the phone grants only those, and the group's policy may
 * withhold any of them.
 */
public enum Permission {
    /** Read the user's mailbox through the gateway. */
    MAIL_READ("mail.read"),
    /** Send mail and change mailbox folders through the gateway. */
    MAIL_SEND("mail.send"),
    /** Read CRM accounts and contacts through the gateway. */
    CONTACTS_READ("contacts.read"),
    /** Create and edit CRM accounts and contacts through the gateway. */
    CONTACTS_WRITE("contacts.write"),
    /** Read company documents through the gateway. */
    DOCUMENTS_READ("documents.read"),
    /** Post notifications to the status bar. */
    NOTIFICATIONS("notifications"),
    /** Put text on the phone's clipboard (leaving the phone is the policy's decision). */
    CLIPBOARD("clipboard");

    private final String key;

    Permission(String key) {
        this.key = key;
    }

    /** The name used in manifests and policies, e.g. {@code mail.read}. */
    public String key() {
        return key;
    }

    public static Optional<Permission> ofKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Permission p : values()) {
            if (p.key.equals(k)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
