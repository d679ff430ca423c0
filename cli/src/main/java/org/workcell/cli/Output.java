package org.workcell.cli;

import java.io.PrintWriter;
import org.workcell.core.json.Json;

/** Prints results: one JSON document with {@code --json}, readable text otherwise. */
public final class Output {
    private Output() {}

    public static void json(PrintWriter out, Object value) {
        out.println(Json.writePretty(value));
        out.flush();
    }

    /** A figure rounded to {@code decimals} places; null (no figure) where nothing was measured. */
    public static Double rounded(Double value, int decimals) {
        if (value == null || value.isNaN()) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** A benchmark's figures: the JSON document, or one "name value" line each. */
    public static void figures(PrintWriter out, java.util.Map<String, ?> figures, boolean json) {
        if (json) {
            json(out, figures);
        } else {
            figures.forEach((k, v) -> out.printf("%-20s %s%n", k, v));
            out.flush();
        }
    }
}
