package org.workcell.phone.apps.mail;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.data.MailService.Draft;
import org.workcell.sdk.data.MailService.Message;

/**
 * What the compose screen holds, independent of its views: recipients as typed, subject, body
 * and the message answered. Builds replies and forwards, checks addresses, and saves itself.
 */
public record Compose(String to, String cc, String subject, String body, String inReplyTo) {
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern NAMED = Pattern.compile(".*<([^<>]+)>\\s*");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH).withZone(ZoneId.of("UTC"));

    public Compose {
        to = to == null ? "" : to;
        cc = cc == null ? "" : cc;
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }

    public static Compose empty() {
        return new Compose("", "", "", "", null);
    }

    /** A reply to the sender ({@code all}: and to everyone else on it but {@code me}), quoting the original. */
    public static Compose reply(Message m, boolean all, String me) {
        String to = address(m.from());
        String cc = "";
        if (all) {
            Set<String> others = new LinkedHashSet<>();
            for (String a : m.to()) {
                others.add(address(a));
            }
            for (String a : m.cc()) {
                others.add(address(a));
            }
            others.remove(to);
            others.removeIf(a -> a.equalsIgnoreCase(me));
            cc = String.join(", ", others);
        }
        return new Compose(to, cc, prefixed("Re: ", m.subject()), "\n\n" + quote(m), m.id());
    }

    public static Compose forward(Message m) {
        StringBuilder b = new StringBuilder("\n\n---------- Forwarded message ----------\n");
        b.append("From: ").append(m.from()).append('\n');
        if (m.date() != null) {
            b.append("Date: ").append(WHEN.format(m.date())).append('\n');
        }
        b.append("Subject: ").append(m.subject()).append('\n');
        b.append("To: ").append(String.join(", ", m.to())).append("\n\n").append(m.body());
        return new Compose("", "", prefixed("Fwd: ", m.subject()), b.toString(), null);
    }

    static String prefixed(String prefix, String subject) {
        String s = subject == null ? "" : subject.strip();
        return s.regionMatches(true, 0, prefix, 0, prefix.length()) ? s : prefix + s;
    }

    static String quote(Message m) {
        StringBuilder b = new StringBuilder();
        b.append("On ").append(m.date() == null ? "an earlier date" : WHEN.format(m.date())).append(", ").append(m.from()).append(" wrote:\n");
        String[] lines = (m.body() == null ? "" : m.body()).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            b.append(lines[i].startsWith(">") ? ">" : "> ").append(lines[i]);
            if (i < lines.length - 1) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** The bare address of {@code "Name <a@b.c>"} or {@code "a@b.c"}. */
    static String address(String s) {
        var m = NAMED.matcher(s);
        return (m.matches() ? m.group(1) : s).strip();
    }

    /** Addresses in a field, split at commas, semicolons and spaces; throws naming the first that is not an address. */
    public static List<String> recipients(String field) {
        List<String> out = new ArrayList<>();
        for (String part : field.split("[,;]")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            var named = NAMED.matcher(p);
            String[] words = named.matches() ? new String[] {named.group(1).strip()} : p.split("\\s+");
            for (String w : words) {
                if (!ADDRESS.matcher(w).matches()) {
                    throw new IllegalArgumentException("\u201c" + w + "\u201d is not an email address");
                }
                out.add(w);
            }
        }
        return out;
    }

    /** The draft to send, or an {@link IllegalArgumentException} saying what is wrong, for the user. */
    public Draft draft() {
        List<String> toList = recipients(to);
        List<String> ccList = recipients(cc);
        if (toList.isEmpty()) {
            throw new IllegalArgumentException("Add at least one recipient");
        }
        if (toList.size() + ccList.size() > 100) {
            throw new IllegalArgumentException("A message goes to at most 100 recipients");
        }
        return new Draft(toList, ccList, subject.strip(), body, inReplyTo);
    }

    public boolean isBlank() {
        return to.isBlank() && cc.isBlank() && subject.isBlank() && body.isBlank();
    }

    void save(Bundle out) {
        out.put("draft.to", to).put("draft.cc", cc).put("draft.subject", subject).put("draft.body", body).put("draft.inReplyTo", inReplyTo);
    }

    /** The draft saved in {@code saved}, or null. */
    static Compose restore(Bundle saved) {
        String to = saved.get("draft.to", null);
        if (to == null) {
            return null;
        }
        return new Compose(to, saved.get("draft.cc", ""), saved.get("draft.subject", ""), saved.get("draft.body", ""), saved.get("draft.inReplyTo", null));
    }
}
