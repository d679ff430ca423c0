package org.workcell.phone.data;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.Page;

/** The rules every request is checked against before anything changes. */
final class Checks {
    static final int MAX_LIMIT = 500;
    static final int MAX_QUERY = 200;

    /** local@domain.tld, no spaces or quotes: what a mail app and a gateway can both accept. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,40}");
    /** Control characters, allowed nowhere but in multi-line text (which may hold tab and newlines). */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");
    private static final Pattern CONTROL_MULTILINE = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private Checks() {}

    static GatewayException invalid(String message) {
        return new GatewayException(GatewayException.Kind.INVALID, message);
    }

    static GatewayException notFound(String message) {
        return new GatewayException(GatewayException.Kind.NOT_FOUND, message);
    }

    static void paging(int offset, int limit) {
        if (offset < 0) {
            throw invalid("offset must be 0 or more, not " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** The query in lower case, for a case-insensitive contains; empty matches everything. */
    static String query(String query) {
        if (query == null) {
            throw invalid("a search needs a query (empty for all)");
        }
        if (query.length() > MAX_QUERY) {
            throw invalid("a search is at most " + MAX_QUERY + " characters");
        }
        return query.strip().toLowerCase(Locale.ROOT);
    }

    static boolean contains(String field, String lowerQuery) {
        return lowerQuery.isEmpty() || (field != null && field.toLowerCase(Locale.ROOT).contains(lowerQuery));
    }

    static String id(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw invalid("no " + what + " id given");
        }
        return id;
    }

    static <T> Page<T> page(List<T> all, Comparator<? super T> order, int offset, int limit) {
        List<T> sorted = all.stream().sorted(order).toList();
        int from = Math.min(offset, sorted.size());
        int to = (int) Math.min((long) from + limit, sorted.size());
        return new Page<>(sorted.subList(from, to), offset, sorted.size());
    }

    static void required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required");
        }
        optional(value, field, max);
    }

    static void optional(String value, String field, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw invalid(field + " is at most " + max + " characters (" + value.length() + " given)");
        }
        if (CONTROL.matcher(value).find()) {
            throw invalid(field + " must be a single line without control characters");
        }
    }

    static void multiline(String value, String field, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw invalid(field + " is at most " + max + " characters (" + value.length() + " given)");
        }
        if (CONTROL_MULTILINE.matcher(value).find()) {
            throw invalid(field + " must not hold control characters");
        }
    }

    static boolean isEmail(String value) {
        return value != null && value.length() <= 254 && EMAIL.matcher(value).matches();
    }

    static void email(String value, String field) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (!isEmail(value)) {
            throw invalid(field + " is not an email address: '" + shorten(value) + "'");
        }
    }

    static void phone(String value, String field) {
        if (value == null || value.isEmpty()) {
            return;
        }
        long digits = value.chars().filter(Character::isDigit).count();
        if (!PHONE.matcher(value).matches() || digits < 3) {
            throw invalid(field + " may hold only digits, spaces, + ( ) . / - and at least 3 digits: '" + shorten(value) + "'");
        }
    }

    static void website(String value, String field) {
        if (value == null || value.isEmpty()) {
            return;
        }
        boolean ok = value.length() <= 2048 && !CONTROL.matcher(value).find();
        if (ok) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
            } catch (URISyntaxException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw invalid(field + " must be an http:// or https:// address: '" + shorten(value) + "'");
        }
    }

    static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
