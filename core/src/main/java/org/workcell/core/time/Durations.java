package org.workcell.core.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: ISO-8601 ({@code PT15M}, {@code P1D}) or a number with a unit
 * ({@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, {@code 1w}), and compound ({@code 1h30m}).
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(?:(\\d{1,9})w)?(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");

    private Durations() {}

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is required, e.g. 90s, 15m, 1d or PT15M");
        }
        String t = text.strip();
        if (t.equals("0")) {
            return Duration.ZERO; // "never", as in lockAfterIdle
        }
        if (t.length() > 40) {
            throw new IllegalArgumentException("'" + t.substring(0, 40) + "…' is not a duration");
        }
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(t), t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + t + "' is not an ISO-8601 duration (e.g. PT15M, P1D)");
            }
        }
        Matcher m = SHORT.matcher(t.toLowerCase(java.util.Locale.ROOT));
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a duration; use e.g. 90s, 15m, 2h, 1d or PT15M");
        }
        Duration d = Duration.ZERO;
        long[] unitSeconds = {7 * 86_400L, 86_400L, 3_600L, 60L, 1L};
        for (int i = 0; i < unitSeconds.length; i++) {
            String group = m.group(i + 1);
            if (group != null) {
                d = d.plusSeconds(Math.multiplyExact(Long.parseLong(group), unitSeconds[i]));
            }
        }
        return d;
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        return d;
    }

    /** The shortest exact form in the short syntax, e.g. {@code 1d}, {@code 15m}, {@code 1h30m}; ISO-8601 if it has none. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative() || d.getNano() != 0 || d.toDays() > 999_999_999) {
            // The short syntax has no sign, no unit below a second and at most nine digits; ISO-8601 is exact.
            return d.toString();
        }
        long seconds = d.getSeconds();
        StringBuilder out = new StringBuilder();
        long[] unitSeconds = {86_400L, 3_600L, 60L, 1L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            long n = seconds / unitSeconds[i];
            if (n > 0) {
                out.append(n).append(units[i]);
                seconds -= n * unitSeconds[i];
            }
        }
        return out.toString();
    }
}
