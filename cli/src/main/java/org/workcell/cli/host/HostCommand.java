package org.workcell.cli.host;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.workcell.cli.CliException;
import org.workcell.cli.Output;
import org.workcell.host.Host;
import org.workcell.host.HostConfig;
import org.workcell.host.HostException;
import org.workcell.host.HostStatus;
import org.workcell.host.Hosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "host", mixinStandardHelpOptions = true,
        description = {"The hypervisor that runs sandboxed phones on this machine."},
        subcommands = {HostCommand.Status.class})
public final class HostCommand {

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Says how this machine would isolate and limit phones: sandbox, seccomp, own user per phone, cgroups or rlimits, "
                    + "and what is weaker than it should be. Exits 1 if no sandbox works here.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--run", paramLabel = "DIR", description = "The host's working folder (default: a temporary one).")
        Path run;

        @Option(names = "--insecure-no-sandbox", description = "Allow phones without any sandbox when none works here.")
        boolean insecure;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path folder = run != null ? run : java.nio.file.Files.createTempDirectory("workcell-host");
            HostStatus status;
            try (Host host = Hosts.local(HostConfig.defaults(folder).withIsolation(null, insecure))) {
                status = host.status();
            } catch (HostException e) {
                throw new CliException(e.getMessage());
            } finally {
                if (run == null) {
                    org.workcell.cli.Folders.deleteTree(folder);
                }
            }
            var out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, status);
            } else {
                out.printf("isolation: %s%nseccomp: %s%nown user per phone: %s%nlimits: %s (per phone: %d MiB memory, %d MiB heap, %d tasks, %.1f CPUs)%n",
                        status.isolation().name().toLowerCase(), status.seccomp() ? "yes" : "no", status.ownUserPerPhone() ? "yes" : "no",
                        status.limits(), status.defaults().memoryMb(), status.defaults().heapMb(), status.defaults().tasks(), status.defaults().cpus());
                status.warnings().forEach(w -> out.println("warning: " + w));
                out.flush();
            }
            return 0;
        }
    }
}
