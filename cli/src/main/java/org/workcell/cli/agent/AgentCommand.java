package org.workcell.cli.agent;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.workcell.agent.AgentException;
import org.workcell.agent.AgentStatus;
import org.workcell.agent.DeviceAgent;
import org.workcell.cli.CliException;
import org.workcell.cli.Output;
import org.workcell.core.protocol.EnrollmentResponse;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.ProvisioningBundle;
import org.workcell.core.time.Durations;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "The device agent: enrol this device, provision its work phone, renew its lease.",
        subcommands = {AgentCommand.Enroll.class, AgentCommand.Provision.class, AgentCommand.Activate.class,
                AgentCommand.Checkin.class, AgentCommand.Status.class})
public final class AgentCommand {

    /** Options every agent command takes. */
    public static final class Common {
        @Option(names = "--home", required = true, description = "The agent's folder: device key and state (owner-only).")
        Path home;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        DeviceAgent agent() {
            return DeviceAgent.open(home);
        }
    }

    static CliException failure(AgentException e) {
        int code = e.problem() != null ? CliException.REFUSED
                : e.getMessage() != null && e.getMessage().startsWith("cannot reach") ? CliException.UNREACHABLE : CliException.FAILURE;
        return new CliException(e.getMessage(), code);
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = "Enrols this device with a one-time code from your IT admin.")
    public static final class Enroll implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @ArgGroup(exclusive = false)
            ServerAndCode serverAndCode;

            @Option(names = "--url", description = "The enrolment link from your admin (carries server and code).")
            URI url;
        }

        static final class ServerAndCode {
            @Option(names = "--server", required = true, description = "The management server's URL.")
            String server;

            @Option(names = "--code", required = true, description = "The enrolment code, e.g. ABCD-EFGH-JKMN.")
            String code;
        }

        @Override
        public Integer call() {
            String server;
            String code;
            if (target.url != null) {
                URI url = target.url;
                String query = url.getRawQuery() == null ? "" : url.getRawQuery();
                code = null;
                for (String part : query.split("&")) {
                    if (part.startsWith("code=")) {
                        code = URLDecoder.decode(part.substring(5), StandardCharsets.UTF_8);
                    }
                }
                if (url.getScheme() == null || url.getHost() == null || code == null) {
                    throw new CliException("'" + url + "' is not an enrolment link; it looks like https://server/enroll?code=XXXX-XXXX-XXXX");
                }
                server = url.getScheme() + "://" + url.getRawAuthority();
            } else {
                server = target.serverAndCode.server;
                code = target.serverAndCode.code;
            }
            EnrollmentResponse response;
            try {
                response = common.agent().enroll(server, code, DeviceAgent.describeThisDevice());
            } catch (AgentException e) {
                throw failure(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Output.json(out, response);
            } else {
                out.println("Enrolled: device " + response.deviceId() + " for " + response.user() + " (group " + response.group() + ").");
                out.println("Server keys pinned: lease " + response.serverKeys().leaseSigning().kid()
                        + ", image " + response.serverKeys().imageSigning().kid());
                out.println("Next: workcell agent provision --home " + common.home);
            }
            return 0;
        }
    }

    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = "Fetches the signed provisioning bundle: image, group policy and apps.")
    public static final class Provision implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Override
        public Integer call() {
            ProvisioningBundle bundle;
            try {
                bundle = common.agent().provision();
            } catch (AgentException e) {
                throw failure(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Output.json(out, bundle);
            } else {
                out.println("Provisioned for " + bundle.user() + " (group " + bundle.group() + "), policy version " + bundle.policyVersion() + ".");
                out.println("Lease: renew every " + Durations.format(bundle.policy().leaseInterval()) + ", disable after "
                        + Durations.format(bundle.policy().disableAfter()) + " offline, wipe after " + Durations.format(bundle.policy().wipeAfter()) + ".");
                out.println("Apps: " + (bundle.apps().isEmpty() ? "none" : String.join(", ", bundle.apps().stream().map(a -> a.packageId() + " " + a.version()).toList())));
            }
            return 0;
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Reports the work phone initialised; the server marks the device activated.")
    public static final class Activate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Override
        public Integer call() throws AgentException {
            try {
                common.agent().activate();
            } catch (AgentException e) {
                throw failure(e);
            }
            AgentStatus status = common.agent().status();
            if (common.json) {
                Output.json(spec.commandLine().getOut(), status);
            } else {
                spec.commandLine().getOut().println("Activated: device " + status.deviceId() + ".");
            }
            return 0;
        }
    }

    @Command(name = "checkin", mixinStandardHelpOptions = true, description = "Renews the lease now.")
    public static final class Checkin implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Override
        public Integer call() {
            Lease lease;
            try {
                lease = common.agent().checkin(null, List.of());
            } catch (AgentException e) {
                throw failure(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Output.json(out, lease);
            } else {
                out.println("Lease renewed: state " + lease.deviceState() + ", renew by " + lease.renewBy() + ", disable at "
                        + lease.disableAt() + ", wipe at " + lease.wipeAt() + ".");
                lease.commands().forEach(c -> out.println("Pending command: " + c.type() + " (#" + c.id() + ")"));
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows enrolment, activation and lease state.")
    public static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Override
        public Integer call() {
            AgentStatus status;
            try {
                status = common.agent().status();
            } catch (AgentException e) {
                throw failure(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Output.json(out, status);
            } else if (!status.enrolled()) {
                out.println("Not enrolled. Run: workcell agent enroll --server URL --code CODE --home " + common.home);
            } else {
                out.println("Device " + status.deviceId() + " at " + status.server() + " (" + status.user() + ", group " + status.group() + ")");
                out.println("State: " + status.state() + (status.activated() ? ", activated" : ""));
                if (status.renewBy() != null) {
                    out.println("Lease: renew by " + status.renewBy() + ", disable at " + status.disableAt() + ", wipe at " + status.wipeAt());
                }
                if (status.lastError() != null) {
                    out.println("Last error: " + status.lastError());
                }
            }
            return 0;
        }
    }
}
