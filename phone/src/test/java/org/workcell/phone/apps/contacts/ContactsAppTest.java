package org.workcell.phone.apps.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.phone.apps.testkit.TestPhone;
import org.workcell.sdk.data.CrmService;
import org.workcell.sdk.data.CrmService.Account;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.View;

class ContactsAppTest {
    private static final String APP = "org.workcell.contacts";

    @TempDir
    Path dir;
    TestPhone t;

    @BeforeEach
    void open() throws Exception {
        t = new TestPhone(dir);
        t.open(APP);
        t.until("accounts", () -> !rows("account ").isEmpty());
    }

    private List<String> rows(String prefix) {
        return t.all(v -> v.description() != null && v.description().startsWith(prefix)).stream().map(View::description).toList();
    }

    /** The gateway as the app sees it (the same store the app reads), to check and to change data behind its back. */
    private CrmService crm() {
        return t.phone.apps().front().orElseThrow().gateway().crm();
    }

    private Account stored(String name) {
        return crm().accounts(name, 0, 10).items().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private String heading() {
        return ((Label) t.await("heading")).text();
    }

    @Test
    void accountsAreListedAndSearchNarrowsThem() {
        List<String> all = rows("account ");
        assertThat(all).hasSizeGreaterThan(5);
        Account first = crm().accounts("", 0, 1).items().getFirst();
        assertThat(all.getFirst()).isEqualTo("account " + first.name());

        t.fill("Search", first.name());
        t.advance(250); // the search waits for typing to pause
        t.until("search results", () -> !rows("account ").isEmpty() && rows("account ").size() < all.size());
        assertThat(rows("account ")).contains("account " + first.name());
        assertThat(rows("account ")).hasSize(crm().accounts(first.name(), 0, 100).total());

        t.fill("Search", "zzz-no-such-account");
        t.advance(250);
        t.await("empty: No accounts match \u201czzz-no-such-account\u201d");
    }

    @Test
    void peopleTabListsPeopleAndAPersonShowsTheirFields() {
        t.tap("Accounts, selected");
        t.tap("People");
        t.until("people", () -> !rows("person ").isEmpty());
        assertThat(t.shows("People, selected")).isTrue();
        CrmService.Contact first = crm().contacts("", null, 0, 1).items().getFirst();
        assertThat(rows("person ").getFirst()).isEqualTo("person " + first.name());
        assertThat(t.shows("Show more (" + (crm().contacts("", null, 0, 1).total() - ContactsApp.PAGE) + ")")).isTrue();

        t.tap("person " + first.name());
        assertThat(heading()).isEqualTo(first.name());
        t.await("Email: " + first.email());
        Account account = crm().account(first.accountId());
        assertThat(t.shows("account " + account.name())).isTrue();
    }

    @Test
    void anAccountShowsItsPeople() {
        Account first = crm().accounts("", 0, 1).items().getFirst();
        t.tap("account " + first.name());
        assertThat(heading()).isEqualTo(first.name());
        List<CrmService.Contact> people = crm().contacts("", first.id(), 0, 100).items();
        t.await("person " + people.getFirst().name());
        assertThat(rows("person ")).hasSize(people.size());
        assertThat(t.showsText("PEOPLE (" + people.size() + ")")).isTrue();
    }

    @Test
    void editingShowsTheGatewaysValidationMessageThenSaves() {
        Account first = crm().accounts("", 0, 1).items().getFirst();
        t.tap("account " + first.name());
        heading();
        t.tap("Edit account");
        t.fill("Name", "");
        t.tap("Save");
        View error = t.await("error");
        assertThat(((Label) error).text()).isNotBlank().containsIgnoringCase("name");
        assertThat(stored(first.name()).version()).isEqualTo(first.version());

        t.fill("Name", "Renamed Holdings");
        t.tap("Save");
        t.until("the account again", () -> t.shows("heading") && ((Label) t.find("heading").get()).text().equals("Renamed Holdings"));
        Account after = stored("Renamed Holdings");
        assertThat(after.id()).isEqualTo(first.id());
        assertThat(after.version()).isGreaterThan(first.version());
        assertThat(after.city()).isEqualTo(first.city());
    }

    @Test
    void aConflictSaysSoAndReloadsTheOtherEdit() {
        Account first = crm().accounts("", 0, 1).items().getFirst();
        t.tap("account " + first.name());
        heading();
        t.tap("Edit account");
        // Someone else saves first.
        crm().save(new Account(first.id(), first.name(), first.industry(), "Lisbon", first.phone(), first.website(), first.notes(), first.version()));

        t.fill("Industry", "Shipping");
        t.tap("Save");
        View error = t.await("error");
        t.until("the reload", () -> t.shows("Lisbon") || t.all(v -> "City".equals(v.description())).stream().anyMatch(v -> "Lisbon".equals(((org.workcell.sdk.ui.TextField) v).text())));
        assertThat(((Label) error).text()).contains("Someone else changed this account");
        assertThat(stored(first.name()).industry()).isEqualTo(first.industry());

        t.fill("Industry", "Shipping");
        t.tap("Save");
        t.until("the account again", () -> t.shows("heading"));
        Account after = stored(first.name());
        assertThat(after.industry()).isEqualTo("Shipping");
        assertThat(after.city()).isEqualTo("Lisbon");
    }

    @Test
    void aNewAccountAndAPersonAtItAreCreated() {
        t.tap("New account");
        t.fill("Name", "Acme Test Widgets");
        t.fill("City", "Porto");
        t.tap("Save");
        t.until("the list with it", () -> rows("account Acme Test Widgets").size() == 1);
        Account made = stored("Acme Test Widgets");
        assertThat(made.city()).isEqualTo("Porto");

        t.tap("account Acme Test Widgets");
        t.until("no people", () -> t.showsText("No people at this account yet."));
        t.tap("Add person");
        t.fill("Name", "Rita Ramos");
        t.fill("Email", "not an address");
        t.tap("Save");
        assertThat(((Label) t.await("error")).text()).containsIgnoringCase("email");
        t.fill("Email", "rita@acme.example");
        t.tap("Save");
        t.await("person Rita Ramos");
        assertThat(crm().contacts("Rita", made.id(), 0, 10).items()).singleElement()
                .satisfies(c -> assertThat(c.email()).isEqualTo("rita@acme.example"));
    }
}
