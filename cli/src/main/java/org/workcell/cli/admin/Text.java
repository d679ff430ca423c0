package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.workcell.core.time.Durations;

/** Text for a person: aligned tables and label/value blocks, short durations and UTC times. */
final class Text {
    static final String NONE = "-";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Text() {}

    /** A table with a header row; columns are left-aligned and two spaces apart. */
    static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
        table(out, "", headers, rows);
    }

    static void table(PrintWriter out, String indent, List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < widths.length; i++) {
                String cell = cell(row, i);
                line.append(cell);
                if (i < widths.length - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String cell(List<String> row, int i) {
        String cell = i < row.size() ? row.get(i) : null;
        return cell == null ? "" : cell;
    }

    static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }

    /** Labels and values, the values lined up after the longest label. */
    static void fields(PrintWriter out, String indent, Map<String, String> fields) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((label, value) -> out.println((indent + label + " ".repeat(width - label.length() + 2) + value).stripTrailing()));
        out.flush();
    }

    /** The text of a field, or {@code fallback} when it is absent, null or empty. */
    static String str(JsonNode node, String fallback) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        String text = node.asText();
        return text.isEmpty() ? fallback : text;
    }

    static String str(JsonNode node) {
        return str(node, NONE);
    }

    /** An instant from the server as {@code 2026-01-31 12:00:00Z}, or {@code fallback}. */
    static String time(JsonNode node, String fallback) {
        String text = str(node, null);
        if (text == null) {
            return fallback;
        }
        try {
            return TIME.format(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    static String time(JsonNode node) {
        return time(node, NONE);
    }

    /** An ISO-8601 duration from the server in short form ({@code PT15M} becomes {@code 15m}). */
    static String duration(JsonNode node) {
        String text = str(node, null);
        if (text == null) {
            return NONE;
        }
        try {
            return Durations.format(Duration.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A byte count for people: 512 B, 1.5 KiB, 3.2 MiB, 1.0 GiB. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
