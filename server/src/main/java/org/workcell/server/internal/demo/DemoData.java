package org.workcell.server.internal.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.workcell.server.internal.auth.Tokens;
import org.workcell.server.internal.cloud.CloudAccounts;
import org.workcell.server.internal.enrollment.EnrollmentCode;
import org.workcell.server.internal.enrollment.EnrollmentService;
import org.workcell.server.internal.group.GroupService;
import org.workcell.server.internal.group.PolicyPatch;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.user.UserService;

/**
 * A demo organisation: two groups with different policies and a few users. Made once; each
 * start with {@code --demo} issues fresh enrolment codes, since stored codes cannot be shown again.
 */
public final class DemoData {
    private DemoData() {}

    public static List<EnrollmentCode> ensure(GroupService groups, UserService users, EnrollmentService enrollment) {
        Actor system = Actor.system();
        boolean exists = groups.list().stream().anyMatch(g -> g.name().equals("sales"));
        if (!exists) {
            groups.create("sales", "Field sales: long offline allowance", null, null, system);
            groups.create("engineering", "Engineering: strict policy, short leases", null, null, system);
            groups.setPolicy("engineering", new PolicyPatch("5m", "12h", "2d", true, 8, 5, "2m", false, false, true, "15m"), system);
            users.create("alice", "sales", "alice@example.com", "Alice Moreau", system);
            users.create("bob", "sales", "bob@example.com", "Bob Okafor", system);
            users.create("carol", "engineering", "carol@example.com", "Carol Nakamura", system);
            users.create("dave", "engineering", "dave@example.com", "Dave Lindqvist", system);
        }
        List<EnrollmentCode> codes = new ArrayList<>();
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            codes.add(enrollment.createCode(user, Duration.ofDays(7), system));
        }
        return codes;
    }

    /**
     * Gives each demo user a new browser password (so that the demo's printed passwords are the
     * ones that work, without keeping any in the clear) and returns them.
     */
    public static Map<String, String> passwords(CloudAccounts accounts) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            String password = Tokens.generatePassword();
            accounts.setPassword(user, password, Actor.system());
            passwords.put(user, password);
        }
        return Collections.unmodifiableMap(passwords);
    }
}
