package org.workcell.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import org.workcell.cli.admin.AdminCommand;
import org.workcell.cli.agent.AgentCommand;
import org.workcell.cli.bench.BenchCommand;
import org.workcell.cli.image.ImageCommand;
import org.workcell.cli.phone.PhoneCommand;
import org.workcell.cli.server.ServerCommand;
import org.workcell.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code workcell}: one program for the server, its admins, the device agent and the benchmarks. */
@Command(name = "workcell", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A virtual work phone on a personal device or in the cloud, under company control.",
        subcommands = {ServerCommand.class, AdminCommand.class, AgentCommand.class, ImageCommand.class, PhoneCommand.class, org.workcell.cli.host.HostCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    private final InputStream in;

    private Main(InputStream in) {
        this.in = in;
    }

    /** Standard input as this run sees it (passwords are read from it, never from flags). */
    public InputStream in() {
        return in;
    }

    /** Runs one command line and returns its exit code. */
    public static int run(String... args) {
        return run(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command line with the given streams; tests call this without a new process. */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main(in)).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException failure) {
                commandLine.getErr().println("workcell: " + failure.getMessage());
                return failure.exitCode();
            }
            commandLine.getErr().println("workcell: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return CliException.FAILURE;
        });
        return cli.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"workcell " + Version.CURRENT + " (Java " + Runtime.version() + ")"};
        }
    }
}
