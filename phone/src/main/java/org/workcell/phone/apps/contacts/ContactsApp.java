package org.workcell.phone.apps.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.data.CrmService;
import org.workcell.sdk.data.CrmService.Account;
import org.workcell.sdk.data.CrmService.Contact;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.Page;
import org.workcell.sdk.ui.Button;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.TextField;
import org.workcell.sdk.ui.UiLoop;
import org.workcell.sdk.ui.View;

/**
 * Contacts/CRM: the company's accounts and the people at them, searched, viewed and edited
 * through the gateway (every call off the UI thread). Saving an edit someone else made first is a
 * conflict: the app says so and reloads.
 */
public final class ContactsApp extends App {
    /** Rows fetched per page; more come with "Show more". */
    static final int PAGE = 40;
    private static final long SEARCH_DELAY_MILLIS = 250;

    enum Tab { ACCOUNTS, PEOPLE }

    private AppContext ctx;
    private Tab tab = Tab.ACCOUNTS;
    private String query = "";
    private final Column list = new Column();
    private final TextField search = new TextField("Search");
    private Button accountsTab;
    private Button peopleTab;
    private int generation;
    private UiLoop.Cancellable pendingSearch;

    @Override
    public void onCreate(AppContext context, Bundle saved) {
        this.ctx = context;
        tab = "people".equals(saved.get("tab", "")) ? Tab.PEOPLE : Tab.ACCOUNTS;
        query = saved.get("query", "");
        ctx.setRoot(rootScreen());
    }

    @Override
    public void onSaveState(Bundle out) {
        out.put("tab", tab == Tab.PEOPLE ? "people" : "accounts");
        out.put("query", query);
    }

    private CrmService crm() {
        return ctx.gateway().crm();
    }

    // ---- the list ---------------------------------------------------------------------------------

    private Screen rootScreen() {
        accountsTab = new Button("Accounts", Button.Kind.TEXT, v -> switchTab(Tab.ACCOUNTS));
        peopleTab = new Button("People", Button.Kind.TEXT, v -> switchTab(Tab.PEOPLE));
        accountsTab.flex(1);
        peopleTab.flex(1);
        Row tabs = new Row(accountsTab, peopleTab);
        tabs.spacing(8);
        tabs.padding(16, 8, 16, 0);
        search.text(query);
        search.description("Search");
        search.onChange(text -> {
            query = text.strip();
            if (pendingSearch != null) {
                pendingSearch.cancel();
            }
            pendingSearch = ctx.loop().postDelayed(this::reload, SEARCH_DELAY_MILLIS);
        });
        search.onSubmit(text -> reload());
        View searchBox = new Row(new Icon(Icon.Glyph.SEARCH, 20), search.flex(1)).padding(16, 8, 16, 8);
        list.spacing(0);
        list.padding(0, 0, 0, 16);
        Scroll scroll = new Scroll(list);
        scroll.flex(1);
        scroll.description("contacts list");
        Column content = new Column(tabs, searchBox, scroll);
        content.align(Linear.Align.STRETCH);
        Screen screen = new Screen("Contacts", content);
        screen.action(Icon.Glyph.PLUS, "New account", s -> ctx.show(editAccount(null)));
        screen.onShown(this::reload);
        return screen;
    }

    private void switchTab(Tab to) {
        if (tab != to) {
            tab = to;
            reload();
        }
    }

    private void markTabs() {
        accountsTab.background(tab == Tab.ACCOUNTS ? ctx.window().theme().ripple() : -1);
        peopleTab.background(tab == Tab.PEOPLE ? ctx.window().theme().ripple() : -1);
        accountsTab.description(tab == Tab.ACCOUNTS ? "Accounts, selected" : "Accounts");
        peopleTab.description(tab == Tab.PEOPLE ? "People, selected" : "People");
        accountsTab.invalidate();
        peopleTab.invalidate();
    }

    /** Loads the first page of the current tab and query; results of older loads are dropped. */
    void reload() {
        markTabs();
        int mine = ++generation;
        list.removeAll();
        list.add(Views.state("Loading…", "loading"));
        load(mine, 0);
    }

    private void load(int mine, int offset) {
        Tab t = tab;
        String q = query;
        if (t == Tab.ACCOUNTS) {
            ctx.background(() -> crm().accounts(q, offset, PAGE), page -> {
                if (mine == generation) {
                    showPage(mine, page, offset, this::accountRow, "No accounts" + (q.isEmpty() ? " yet" : " match \u201c" + q + "\u201d"));
                }
            }, e -> failed(mine, e));
        } else {
            ctx.background(() -> crm().contacts(q, null, offset, PAGE), page -> {
                if (mine == generation) {
                    showPage(mine, page, offset, this::contactRow, "No people" + (q.isEmpty() ? " yet" : " match \u201c" + q + "\u201d"));
                }
            }, e -> failed(mine, e));
        }
    }

    private <T> void showPage(int mine, Page<T> page, int offset, java.util.function.Function<T, View> row, String empty) {
        if (offset == 0) {
            list.removeAll();
        } else if (!list.children().isEmpty()) {
            list.remove(list.children().getLast()); // the "Show more" button
        }
        if (page.total() == 0) {
            list.add(Views.state(empty, "empty"));
            return;
        }
        for (T item : page.items()) {
            list.add(row.apply(item));
        }
        int next = page.offset() + page.items().size();
        if (next < page.total()) {
            Button more = new Button("Show more (" + (page.total() - next) + ")", Button.Kind.TEXT, v -> load(mine, next));
            list.add(new Row(more).justify(Linear.Align.CENTER));
        }
    }

    private void failed(int mine, Exception e) {
        if (mine != generation) {
            return;
        }
        list.removeAll();
        Column c = new Column(Views.state(Views.reason(e), "error"), new Row(new Button("Try again", Button.Kind.OUTLINED, v -> reload())).justify(Linear.Align.CENTER));
        list.add(c);
    }

    private View accountRow(Account a) {
        return Views.row(Icon.Glyph.BUILDING, a.name(), Views.join(" \u00b7 ", a.industry(), a.city()), "account " + a.name(),
                v -> ctx.show(accountScreen(a.id())));
    }

    private View contactRow(Contact c) {
        return Views.row(Icon.Glyph.PERSON, c.name(), Views.join(" \u00b7 ", c.title(), c.email()), "person " + c.name(),
                v -> ctx.show(personScreen(c.id())));
    }

    // ---- an account ---------------------------------------------------------------------------------

    private Screen accountScreen(String id) {
        Column body = Views.page();
        Screen screen = new Screen("Account", new Scroll(body));
        Account[] current = new Account[1];
        screen.action(Icon.Glyph.EDIT, "Edit account", s -> {
            if (current[0] != null) {
                ctx.show(editAccount(current[0]));
            }
        });
        screen.onShown(() -> {
            body.removeAll();
            body.add(Views.state("Loading…", "loading"));
            ctx.background(() -> {
                Account a = crm().account(id);
                List<Contact> people = new ArrayList<>();
                for (int offset = 0; ; offset += 100) { // an account has tens of people, not thousands
                    Page<Contact> p = crm().contacts("", id, offset, 100);
                    people.addAll(p.items());
                    if (people.size() >= p.total() || p.items().isEmpty() || people.size() >= 500) {
                        break;
                    }
                }
                return new AccountView(a, people);
            }, v -> {
                current[0] = v.account();
                body.removeAll();
                Account a = v.account();
                body.add(Views.heading(a.name()), Views.caption(Views.join(" \u00b7 ", a.industry(), a.city())));
                body.add(Views.section("Details"));
                body.add(Views.field("Phone", a.phone()), Views.field("Website", a.website()), Views.field("Notes", a.notes()));
                body.add(Views.section("People (" + v.people().size() + ")"));
                if (v.people().isEmpty()) {
                    body.add(Views.caption("No people at this account yet."));
                }
                Column people = new Column();
                for (Contact c : v.people()) {
                    people.add(contactRow(c));
                }
                body.add(people);
                body.add(new Row(new Button("Add person", Button.Kind.OUTLINED, b -> ctx.show(editContact(null, a)))).padding(0, 8, 0, 0));
            }, e -> {
                body.removeAll();
                body.add(Views.state(Views.reason(e), "error"));
            });
        });
        return screen;
    }

    private record AccountView(Account account, List<Contact> people) {}

    // ---- a person -------------------------------------------------------------------------------------

    private Screen personScreen(String id) {
        Column body = Views.page();
        Screen screen = new Screen("Person", new Scroll(body));
        Contact[] current = new Contact[1];
        Account[] account = new Account[1];
        screen.action(Icon.Glyph.EDIT, "Edit person", s -> {
            if (current[0] != null) {
                ctx.show(editContact(current[0], account[0]));
            }
        });
        screen.onShown(() -> {
            body.removeAll();
            body.add(Views.state("Loading…", "loading"));
            ctx.background(() -> {
                Contact c = crm().contact(id);
                Account a = null;
                try {
                    a = crm().account(c.accountId());
                } catch (GatewayException e) {
                    // the person shows without their account's name
                }
                return new PersonView(c, a);
            }, v -> {
                current[0] = v.contact();
                account[0] = v.account();
                Contact c = v.contact();
                body.removeAll();
                body.add(Views.heading(c.name()), Views.caption(Views.join(" at ", c.title(), v.account() == null ? null : v.account().name())));
                body.add(Views.section("Contact"));
                body.add(Views.field("Email", c.email()), Views.field("Phone", c.phone()));
                if (v.account() != null) {
                    Account a = v.account();
                    body.add(Views.section("Account"));
                    body.add(Views.row(Icon.Glyph.BUILDING, a.name(), Views.join(" \u00b7 ", a.industry(), a.city()), "account " + a.name(),
                            x -> ctx.show(accountScreen(a.id()))));
                }
                body.add(Views.section("Notes"), Views.field(null, c.notes()));
            }, e -> {
                body.removeAll();
                body.add(Views.state(Views.reason(e), "error"));
            });
        });
        return screen;
    }

    private record PersonView(Contact contact, Account account) {}

    // ---- editing ---------------------------------------------------------------------------------------

    /** Edits {@code existing}, or makes a new account when it is null. */
    Screen editAccount(Account existing) {
        Form form = new Form();
        TextField name = form.field("Name", 120, false);
        TextField industry = form.field("Industry", 80, false);
        TextField city = form.field("City", 80, false);
        TextField phone = form.field("Phone", 40, false);
        TextField website = form.field("Website", 200, false);
        TextField notes = form.field("Notes", 4000, true);
        long[] version = {0};
        String id = existing == null ? null : existing.id();
        Consumer<Account> fill = a -> {
            version[0] = a.version();
            name.text(Views.orEmpty(a.name()));
            industry.text(Views.orEmpty(a.industry()));
            city.text(Views.orEmpty(a.city()));
            phone.text(Views.orEmpty(a.phone()));
            website.text(Views.orEmpty(a.website()));
            notes.text(Views.orEmpty(a.notes()));
        };
        if (existing != null) {
            fill.accept(existing);
        }
        Screen screen = new Screen(existing == null ? "New account" : "Edit account", new Scroll(form.body));
        form.save(() -> {
            Account draft = new Account(id, name.text().strip(), Views.blankToNull(industry.text()), Views.blankToNull(city.text()),
                    Views.blankToNull(phone.text()), Views.blankToNull(website.text()), Views.blankToNull(notes.text()), version[0]);
            ctx.background(() -> crm().save(draft), saved -> {
                ctx.toast(existing == null ? "Account created" : "Account saved");
                ctx.back();
            }, e -> form.failed(e, "account", id == null ? null : () -> ctx.background(() -> crm().account(id), fill, x -> form.error(Views.reason(x)))));
        });
        return screen;
    }

    /** Edits {@code existing}, or adds a person to {@code account} when it is null. */
    Screen editContact(Contact existing, Account account) {
        Form form = new Form();
        if (account != null) {
            form.body.add(Views.caption("At " + account.name()));
        }
        TextField name = form.field("Name", 120, false);
        TextField title = form.field("Title", 80, false);
        TextField email = form.field("Email", 200, false);
        TextField phone = form.field("Phone", 40, false);
        TextField notes = form.field("Notes", 4000, true);
        long[] version = {0};
        String id = existing == null ? null : existing.id();
        String accountId = existing != null ? existing.accountId() : account.id();
        Consumer<Contact> fill = c -> {
            version[0] = c.version();
            name.text(Views.orEmpty(c.name()));
            title.text(Views.orEmpty(c.title()));
            email.text(Views.orEmpty(c.email()));
            phone.text(Views.orEmpty(c.phone()));
            notes.text(Views.orEmpty(c.notes()));
        };
        if (existing != null) {
            fill.accept(existing);
        }
        Screen screen = new Screen(existing == null ? "New person" : "Edit person", new Scroll(form.body));
        form.save(() -> {
            Contact draft = new Contact(id, accountId, name.text().strip(), Views.blankToNull(title.text()), Views.blankToNull(email.text()),
                    Views.blankToNull(phone.text()), Views.blankToNull(notes.text()), version[0]);
            ctx.background(() -> crm().save(draft), saved -> {
                ctx.toast(existing == null ? "Person added" : "Person saved");
                ctx.back();
            }, e -> form.failed(e, "person", id == null ? null : () -> ctx.background(() -> crm().contact(id), fill, x -> form.error(Views.reason(x)))));
        });
        return screen;
    }

    /** Labelled text fields, an error line and a Save button. */
    private final class Form {
        final Column body = Views.page();
        final Label error = new Label("");
        final Button save = new Button("Save", v -> { });

        Form() {
            error.color(0xC62828);
            error.description("error");
            error.visible(false);
        }

        TextField field(String label, int maxLength, boolean multiline) {
            TextField f = new TextField(label);
            f.maxLength(maxLength);
            if (multiline) {
                f.multiline(true).maxLines(6);
            }
            f.description(label);
            f.background(ctx.window().theme().surfaceVariant());
            body.add(Views.caption(label).padding(0, 8, 0, 0), f);
            return f;
        }

        void save(Runnable action) {
            body.add(error);
            save.onClick(v -> {
                error.visible(false);
                save.enabled(false);
                save.text("Saving…");
                action.run();
            });
            body.add(new Row(save).padding(0, 8, 0, 0));
        }

        void error(String message) {
            save.enabled(true);
            save.text("Save");
            error.text(message);
            error.visible(true);
        }

        /** INVALID shows the gateway's message; CONFLICT says so and reloads the stored record. */
        void failed(Exception e, String what, Runnable reload) {
            if (e instanceof GatewayException g && g.kind() == GatewayException.Kind.CONFLICT && reload != null) {
                error("Someone else changed this " + what + " meanwhile. It has been reloaded with their changes: check it and save again.");
                reload.run();
            } else {
                error(Views.reason(e));
            }
        }
    }
}
