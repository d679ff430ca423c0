package org.workcell.cli.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.workcell.cli.CliException;
import org.workcell.cli.Output;
import org.workcell.core.config.Settings;
import org.workcell.core.log.Logging;
import org.workcell.server.ServerConfig;
import org.workcell.server.WorkcellServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Runs the management server until stopped (Ctrl-C or SIGTERM).",
                "Settings come from DATA/workcell.properties, WORKCELL_* variables and these flags, in rising order."})
public final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "workcell-data", description = "Data folder: database, keys, stores (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--port", description = "HTTP port (default 8443; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", description = "Address to listen on (default 0.0.0.0).")
    String host;

    @Option(names = "--db", description = "JDBC URL of a PostgreSQL database (default: embedded H2 in the data folder).")
    String db;

    @Option(names = "--db-user", description = "Database user.")
    String dbUser;

    @Option(names = "--public-url", description = "The URL devices reach this server by (for enrolment links).")
    String publicUrl;

    @Option(names = "--demo", description = "Add a demo organisation and print fresh enrolment codes for its users.")
    boolean demo;

    @Option(names = "--json", description = "Print the start-up report as one JSON document.")
    boolean json;

    @Option(names = "--log-format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Logging.Format logFormat;

    @Option(names = "--log-level", defaultValue = "info", description = "error, warn, info or debug (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Logging.configure(logFormat, logLevel);
        Settings settings;
        try {
            // The database password is taken only from the file or WORKCELL_DB_PASSWORD, never a flag that others can see.
            settings = Settings.builder()
                    .defaults(ServerConfig.DEFAULTS)
                    .file(data.resolve("workcell.properties"))
                    .environment(System.getenv())
                    .flag("port", port).flag("host", host).flag("db.url", db).flag("db.user", dbUser).flag("public-url", publicUrl)
                    .build();
        } catch (IOException e) {
            throw new CliException("cannot read " + data.resolve("workcell.properties") + ": " + e.getMessage());
        }
        ServerConfig config;
        try {
            config = ServerConfig.from(data, settings, demo, Clock.systemUTC());
        } catch (Settings.ConfigException e) {
            throw new CliException(e.getMessage());
        }
        WorkcellServer server;
        try {
            server = WorkcellServer.start(config);
        } catch (RuntimeException e) {
            throw new CliException("the server did not start: " + rootMessage(e));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "workcell-shutdown"));
        report(server, spec.commandLine().getOut());
        stopped.await();
        return 0;
    }

    private void report(WorkcellServer server, PrintWriter out) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("url", server.url());
            doc.put("adminUser", WorkcellServer.FIRST_ADMIN);
            server.generatedAdminPassword().ifPresent(p -> doc.put("adminPassword", p));
            doc.put("appUrl", server.appUrl());
            doc.put("demoCodes", server.demoCodes());
            doc.put("demoPasswords", server.demoPasswords());
            Output.json(out, doc);
            return;
        }
        out.println("Workcell server is running at " + server.url());
        server.generatedAdminPassword().ifPresent(p -> {
            out.println();
            out.println("First start: an admin account was made. This password is shown only once:");
            out.println("  user:     " + WorkcellServer.FIRST_ADMIN);
            out.println("  password: " + p);
            out.println("Sign in with: workcell admin --server " + server.url() + " login --user admin --password-stdin");
        });
        if (!server.demoPasswords().isEmpty()) {
            out.println();
            out.println("Use a cloud work phone in the browser: open " + server.appUrl() + " and sign in as a demo user.");
            out.println("Passwords are new at every demo start; on first sign-in each user chooses a PIN (the groups' policy asks for one).");
            server.demoPasswords().forEach((user, password) -> out.printf("  %-8s %s%n", user, password));
        }
        if (!server.demoCodes().isEmpty()) {
            out.println();
            out.println("Demo users and their enrolment codes (valid 7 days):");
            for (WorkcellServer.DemoCode code : server.demoCodes()) {
                out.printf("  %-8s %s   workcell agent enroll --server %s --code %s --home %s-phone%n",
                        code.user(), code.code(), server.url(), code.code(), code.user());
            }
        }
        out.flush();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
