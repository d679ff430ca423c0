package org.workcell.cli.admin;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.workcell.cli.Output;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One admin command that talks to the server: finds the {@code admin} command above it (for the
 * inherited {@code --server}, {@code --json} and {@code --config-dir}) and prints either one JSON
 * document or text for a person.
 */
abstract class AdminAction implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        run();
        return 0;
    }

    abstract void run() throws Exception;

    final AdminCommand admin() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof AdminCommand admin) {
                return admin;
            }
        }
        throw new IllegalStateException(spec.qualifiedName() + " is not under 'workcell admin'");
    }

    final AdminClient client() {
        return admin().client();
    }

    final boolean json() {
        return admin().json();
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final void printJson(Object value) {
        Output.json(out(), value);
    }

    /** Prints and flushes one line of text. */
    final void println(String line) {
        out().println(line);
        out().flush();
    }

    /** Reports a deletion: {@code {"<kind>": name, "deleted": true}} with --json, one line otherwise. */
    final void printDeleted(String kind, String name) {
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put(kind, name);
            result.put("deleted", true);
            printJson(result);
        } else {
            println("Deleted " + kind + " " + name + ".");
        }
    }
}
