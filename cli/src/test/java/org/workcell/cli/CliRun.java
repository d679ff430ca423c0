package org.workcell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.workcell.core.json.Json;

/** One in-process run of the {@code workcell} command line, with its exit code and output. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun withInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public static CliRun of(String... args) {
        return withInput("", args);
    }

    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("not one JSON document (exit " + exitCode + "):\n" + out + "\nstderr:\n" + err, e);
        }
    }

    /** Fails with the output when the command did not succeed. */
    public CliRun ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        return this;
    }

    /** {@code workcell admin --config-dir CONFIG --json ARGS…}, which must succeed; its one JSON document. */
    public static JsonNode admin(String config, String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "admin";
        full[1] = "--config-dir";
        full[2] = config;
        full[3] = "--json";
        System.arraycopy(args, 0, full, 4, args.length);
        return of(full).ok().json();
    }
}
