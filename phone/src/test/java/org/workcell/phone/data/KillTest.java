package org.workcell.phone.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.sdk.data.CrmService.Account;
import org.workcell.sdk.data.MailService.Summary;

/** A writer in another JVM killed with SIGKILL in the middle of its saves loses nothing it reported committed. */
class KillTest {
    @TempDir
    Path dir;

    @Test
    void killedWriterLosesNothingCommitted() throws Exception {
        Account account = Fixtures.open(dir).crm().accounts("", 0, 1).items().getFirst();
        Fixtures.open(dir).mail().folders();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                    CrashWriter.class.getName(), dir.toString(), account.id())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long lastVersion = -1;
            int lastI = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                int seen = 0;
                while ((line = out.readLine()) != null) {
                    String[] parts = line.split(" ");
                    lastVersion = Long.parseLong(parts[0]);
                    lastI = Integer.parseInt(parts[1]);
                    if (++seen >= 20 + round * 7) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                        break;
                    }
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(lastVersion).as("the child reported commits").isPositive();

            LocalGateway reopened = Fixtures.open(dir);
            Account now = reopened.crm().account(account.id());
            assertThat(now.version()).isGreaterThanOrEqualTo(lastVersion);
            assertThat(now.name()).startsWith("Crash Test ");
            int i = lastI;
            assertThat(reopened.mail().search("kill " + i, 0, 500).items()).extracting(Summary::subject).contains("kill " + i);
        }
    }
}
