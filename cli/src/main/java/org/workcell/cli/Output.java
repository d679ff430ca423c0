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
}
