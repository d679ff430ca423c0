package org.workcell.phone.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.workcell.sdk.data.CrmService;
import org.workcell.sdk.data.CrmService.Account;
import org.workcell.sdk.data.CrmService.Contact;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.GatewayException.Kind;

/**
 * Random sequences of CRM saves (valid and invalid, current and stale versions, existing and missing
 * accounts, with reopenings in between) against a map-based model of what must be stored.
 */
class CrmModelProperties {

    sealed interface Op permits CreateAccount, UpdateAccount, CreateContact, UpdateContact, Reopen {}

    record CreateAccount(String name, String website) implements Op {}

    /** Edits the {@code pick}-th account; {@code versionDelta} 0 edits the current version, else a stale or future one. */
    record UpdateAccount(int pick, int versionDelta, String name) implements Op {}

    record CreateContact(int accountPick, boolean missingAccount, String name, String email) implements Op {}

    record UpdateContact(int pick, int versionDelta, int accountPick, String name) implements Op {}

    record Reopen() implements Op {}

    @Provide
    Arbitrary<String> names() {
        // Mostly fine names; sometimes blank, too long, or with a line break (invalid).
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.strings().withChars("abcXYZ äé-").ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "   ", "x".repeat(121), "two\nlines", "x".repeat(120))));
    }

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        Arbitrary<Integer> delta = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(-1, 1, 5)));
        Arbitrary<String> website = Arbitraries.of(null, "", "https://a.example", "http://b.example/x", "ftp://bad.example", "nope");
        Arbitrary<String> email = Arbitraries.of(null, "", "p@q.example", "bad@", "x y@z.example");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Combinators.combine(names(), website).as(CreateAccount::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(pick, delta, names()).as(UpdateAccount::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(pick, Arbitraries.of(false, false, false, true), names(), email).as(CreateContact::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(pick, delta, pick, names()).as(UpdateContact::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen())));
    }

    private static boolean validName(String name) {
        return name != null && !name.isBlank() && name.length() <= 120 && name.indexOf('\n') < 0;
    }

    private static boolean validWebsite(String w) {
        return w == null || w.isEmpty() || w.startsWith("https://") || w.startsWith("http://");
    }

    private static boolean validEmail(String e) {
        return e == null || e.isEmpty() || e.equals("p@q.example");
    }

    @Property(tries = 60)
    void crmSavesBehaveLikeTheModel(@ForAll @Size(max = 40) List<@net.jqwik.api.From("op") Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("crm-model");
        try {
            CrmService crm = Fixtures.open(dir).crm();
            Map<String, Account> accounts = new LinkedHashMap<>();
            Map<String, Contact> contacts = new LinkedHashMap<>();
            crm.accounts("", 0, 500).items().forEach(a -> accounts.put(a.id(), a));
            crm.contacts("", null, 0, 500).items().forEach(c -> contacts.put(c.id(), c));

            for (Op op : ops) {
                List<Account> accountList = new ArrayList<>(accounts.values());
                List<Contact> contactList = new ArrayList<>(contacts.values());
                switch (op) {
                    case Reopen r -> crm = Fixtures.open(dir).crm();
                    case CreateAccount c -> {
                        Account in = new Account(null, c.name(), "Retail", "Oslo", null, c.website(), null, 0);
                        if (validName(c.name()) && validWebsite(c.website())) {
                            Account out = crm.save(in);
                            assertThat(out.id()).isNotNull().isNotIn(accounts.keySet());
                            assertThat(out).isEqualTo(new Account(out.id(), c.name(), "Retail", "Oslo", null, c.website(), null, 1));
                            accounts.put(out.id(), out);
                        } else {
                            rejected(crm, in, Kind.INVALID);
                        }
                    }
                    case UpdateAccount u -> {
                        Account current = accountList.get(u.pick() % accountList.size());
                        Account in = new Account(current.id(), u.name(), current.industry(), current.city(), current.phone(),
                                current.website(), "edited", current.version() + u.versionDelta());
                        if (!validName(u.name())) {
                            rejected(crm, in, Kind.INVALID);
                        } else if (u.versionDelta() != 0) {
                            rejected(crm, in, Kind.CONFLICT);
                        } else {
                            Account out = crm.save(in);
                            assertThat(out).isEqualTo(new Account(current.id(), u.name(), current.industry(), current.city(),
                                    current.phone(), current.website(), "edited", current.version() + 1));
                            accounts.put(out.id(), out);
                        }
                    }
                    case CreateContact c -> {
                        String accountId = c.missingAccount() ? "missing-" + c.accountPick() : accountList.get(c.accountPick() % accountList.size()).id();
                        Contact in = new Contact(null, accountId, c.name(), "Buyer", c.email(), null, null, 0);
                        if (validName(c.name()) && validEmail(c.email()) && !c.missingAccount()) {
                            Contact out = crm.save(in);
                            assertThat(out.id()).isNotNull().isNotIn(contacts.keySet());
                            assertThat(out).isEqualTo(new Contact(out.id(), accountId, c.name(), "Buyer", c.email(), null, null, 1));
                            contacts.put(out.id(), out);
                        } else {
                            rejected(crm, in, Kind.INVALID);
                        }
                    }
                    case UpdateContact u -> {
                        Contact current = contactList.get(u.pick() % contactList.size());
                        String accountId = accountList.get(u.accountPick() % accountList.size()).id();
                        Contact in = new Contact(current.id(), accountId, u.name(), current.title(), current.email(),
                                current.phone(), current.notes(), current.version() + u.versionDelta());
                        if (!validName(u.name())) {
                            rejected(crm, in, Kind.INVALID);
                        } else if (u.versionDelta() != 0) {
                            rejected(crm, in, Kind.CONFLICT);
                        } else {
                            Contact out = crm.save(in);
                            assertThat(out).isEqualTo(new Contact(current.id(), accountId, u.name(), current.title(),
                                    current.email(), current.phone(), current.notes(), current.version() + 1));
                            contacts.put(out.id(), out);
                        }
                    }
                }
            }
            for (CrmService view : List.of(crm, Fixtures.open(dir).crm())) {
                assertThat(view.accounts("", 0, 500).items())
                        .containsExactlyElementsOf(accounts.values().stream().sorted(LocalCrm.ACCOUNT_ORDER).toList());
                assertThat(view.contacts("", null, 0, 500).items())
                        .containsExactlyElementsOf(contacts.values().stream().sorted(LocalCrm.CONTACT_ORDER).toList());
            }
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    private static void rejected(CrmService crm, Account in, Kind kind) {
        assertThatThrownBy(() -> crm.save(in)).isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    private static void rejected(CrmService crm, Contact in, Kind kind) {
        assertThatThrownBy(() -> crm.save(in)).isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
