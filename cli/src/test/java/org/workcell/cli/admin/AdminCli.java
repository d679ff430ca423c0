package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.workcell.cli.Main;
import org.workcell.core.json.Json;

/** Runs {@code workcell admin …} in-process against one server with one config folder. */
record AdminCli(String server, Path configDir) {
    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not one JSON document (exit " + exitCode + "):\n" + out + "\nstderr:\n" + err, e);
            }
        }

        Result ok() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
            }
            return this;
        }

        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result raw(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code workcell admin --server URL --config-dir DIR ARGS…} with empty standard input. */
    Result run(String... args) {
        return withInput("", args);
    }

    Result withInput(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("admin", "--server", server, "--config-dir", configDir.toString()));
        all.addAll(List.of(args));
        return raw(stdin, all.toArray(String[]::new));
    }

    /** The command with {@code --json}, which must succeed; its one JSON document. */
    JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        return run(all.toArray(String[]::new)).ok().json();
    }

    Result login(String user, String password) {
        return withInput(password + "\n", "login", "--user", user, "--password-stdin");
    }
}
