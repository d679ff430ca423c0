package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/**
 * Host to phone: show ({@code disabled}) or remove the "work phone disabled" overlay, with a reason
 * for the user (for example, the lease expired). {@code reason} may be empty; line breaks are allowed.
 */
public record Disabled(boolean disabled, String reason) implements Message {
    public Disabled {
        Checks.notNull(reason, "Disabled.reason");
    }
}
