package org.workcell.cli.admin;

import java.io.IOException;
import java.nio.file.Path;
import org.workcell.cli.CliException;
import picocli.CommandLine.Command;
import org.workcell.cli.Main;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administers a Workcell server: groups, policies, users, enrolment codes, devices, audit.",
        subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, GroupCommand.class, PolicyCommand.class,
                UserCommand.class, EnrollCodeCommand.class, DeviceCommand.class, AuditCommand.class, ImageCommand.class})
public final class AdminCommand {
    @ParentCommand
    Main main;

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT, description = "Server URL (default: the last one signed in to).")
    String server;

    @Option(names = "--config-dir", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "Where sign-in tokens are kept (default: ~/.config/workcell).")
    Path configDir;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document.")
    boolean json;

    AdminCredentials credentials() {
        return new AdminCredentials(configDir != null ? configDir : AdminCredentials.defaultDir());
    }

    /** A client signed in to the chosen server, from the remembered token. */
    AdminClient client() {
        try {
            AdminCredentials.Entry entry = credentials().find(server).orElseThrow(() -> new CliException(
                    "not signed in" + (server != null ? " to " + server : "") + "; run: workcell admin --server URL login --user NAME --password-stdin"));
            return new AdminClient(entry.server(), entry.token());
        } catch (IOException e) {
            throw new CliException("cannot read the saved sign-in: " + e.getMessage());
        }
    }

    boolean json() {
        return json;
    }

    String server() {
        return server;
    }
}
