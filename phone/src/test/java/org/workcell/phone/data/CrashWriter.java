package org.workcell.phone.data;

import java.nio.file.Path;
import org.workcell.sdk.data.CrmService;
import org.workcell.sdk.data.CrmService.Account;
import org.workcell.sdk.data.MailService.Draft;

/** Run in a child JVM by {@link KillTest}: saves as fast as it can and reports each commit, until killed. */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) {
        LocalGateway g = Fixtures.open(Path.of(args[0]));
        CrmService crm = g.crm();
        Account a = crm.account(args[1]);
        for (int i = 0; ; i++) {
            a = crm.save(new Account(a.id(), "Crash Test " + i, a.industry(), a.city(), a.phone(), a.website(), "x".repeat(i % 5000), a.version()));
            g.mail().send(new Draft(java.util.List.of("kill@test.example"), java.util.List.of(), "kill " + i, "body " + i, null));
            System.out.println(a.version() + " " + i);
            System.out.flush();
        }
    }
}
