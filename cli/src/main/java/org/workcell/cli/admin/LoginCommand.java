package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.workcell.cli.CliException;
import org.workcell.cli.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Signs in and remembers the session token for later admin commands.")
public final class LoginCommand implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", required = true, description = "Admin user name.")
    String user;

    @Option(names = "--password-stdin", required = true, description = "Read the password from standard input (never from a flag).")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
        if (admin.server() == null) {
            throw new CliException("say which server to sign in to: workcell admin --server URL login …");
        }
        String password = new BufferedReader(new InputStreamReader(admin.main.in(), StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            throw new CliException("no password on standard input; pipe it in, e.g. printf %s \"$PASSWORD\" | workcell admin … login --user NAME --password-stdin");
        }
        AdminClient client = new AdminClient(admin.server(), null);
        JsonNode session = client.post("/api/v1/auth/login", Map.of("user", user, "password", password));
        admin.credentials().save(new AdminCredentials.Entry(client.server(), user, session.get("token").asText(),
                Instant.parse(session.get("expiresAt").asText())));
        if (admin.json()) {
            Output.json(spec.commandLine().getOut(), Map.of("server", client.server(), "user", user,
                    "role", session.get("role").asText(), "expiresAt", session.get("expiresAt").asText()));
        } else {
            spec.commandLine().getOut().println("Signed in to " + client.server() + " as " + user + " (" + session.get("role").asText()
                    + "), until " + session.get("expiresAt").asText() + ".");
        }
        return 0;
    }
}
