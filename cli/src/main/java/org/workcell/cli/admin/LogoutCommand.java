package org.workcell.cli.admin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.workcell.cli.CliException;
import picocli.CommandLine.Command;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Signs out: ends the session on the server and forgets the saved token.")
public final class LogoutCommand extends AdminAction {
    @Override
    void run() throws IOException {
        AdminClient client = client();
        boolean ended = true;
        try {
            client.post("/api/v1/auth/logout", null);
        } catch (CliException e) {
            if (e.exitCode() != CliException.REFUSED) {
                throw e; // unreachable: keep the token, the session is still live on the server
            }
            ended = false; // the server no longer knows the token (expired or ended elsewhere)
        }
        admin().credentials().remove(client.server());
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("server", client.server());
            result.put("signedOut", true);
            result.put("sessionWasLive", ended);
            printJson(result);
        } else {
            println(ended ? "Signed out of " + client.server() + "."
                    : "The session at " + client.server() + " had ended already; forgot the saved token.");
        }
    }
}
