package org.workcell.phone.data;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.workcell.sdk.data.CrmService;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.Page;

/**
 * Accounts and contacts in {@code crm.json}. A save names the version it edited: if the stored one
 * is newer the save is a conflict. A new record (id null) has version 0 and is stored as version 1;
 * each save adds one.
 */
final class LocalCrm implements CrmService {
    static final String FILE = "crm.json";
    static final int MAX_NAME = 120;
    static final int MAX_FIELD = 120;
    static final int MAX_NOTES = 10_000;

    record CrmFile(int format, List<Account> accounts, List<Contact> contacts) {}

    static final Comparator<Account> ACCOUNT_ORDER =
            Comparator.comparing((Account a) -> a.name().toLowerCase(Locale.ROOT)).thenComparing(Account::name).thenComparing(Account::id);
    static final Comparator<Contact> CONTACT_ORDER =
            Comparator.comparing((Contact c) -> c.name().toLowerCase(Locale.ROOT)).thenComparing(Contact::name).thenComparing(Contact::id);

    private final DataFile<CrmFile> file;
    private final Identity me;
    private final Clock clock;
    private final Supplier<String> newId;

    // Guarded by this; replaced (never mutated) on each committed change.
    private Map<String, Account> accounts;
    private Map<String, Contact> contacts;

    LocalCrm(Path dataFolder, Identity me, Clock clock, Supplier<String> newId) {
        this.file = new DataFile<>(dataFolder.resolve(FILE), CrmFile.class);
        this.me = me;
        this.clock = clock;
        this.newId = newId;
    }

    LocalCrm(Path dataFolder, Identity me, Clock clock) {
        this(dataFolder, me, clock, () -> UUID.randomUUID().toString());
    }

    private void ensureLoaded() {
        if (accounts != null) {
            return;
        }
        CrmFile loaded = file.load();
        if (loaded == null) {
            Seed.Crm seed = new Seed(me, clock.instant()).crm();
            loaded = new CrmFile(1, seed.accounts(), seed.contacts());
            file.save(loaded);
        } else {
            check(loaded);
        }
        Map<String, Account> a = new LinkedHashMap<>();
        loaded.accounts().forEach(x -> a.put(x.id(), x));
        Map<String, Contact> c = new LinkedHashMap<>();
        loaded.contacts().forEach(x -> c.put(x.id(), x));
        accounts = a;
        contacts = c;
    }

    private void check(CrmFile f) {
        String why = null;
        if (f.format() != 1) {
            why = "unknown format " + f.format();
        } else if (f.accounts() == null || f.contacts() == null) {
            why = "accounts or contacts missing";
        } else {
            Set<String> ids = new HashSet<>();
            for (Account a : f.accounts()) {
                if (a == null || a.id() == null || a.name() == null || !ids.add(a.id())) {
                    why = "an account without id or name, or twice";
                    break;
                }
            }
            Set<String> contactIds = new HashSet<>();
            for (Contact c : f.contacts()) {
                if (c == null || c.id() == null || c.name() == null || !contactIds.add(c.id()) || !ids.contains(c.accountId())) {
                    why = "a contact without id, name or account, or twice";
                    break;
                }
            }
        }
        if (why != null) {
            throw DataFile.damaged(file.path(), why, null);
        }
    }

    private void commit(Map<String, Account> nextAccounts, Map<String, Contact> nextContacts) {
        file.save(new CrmFile(1, List.copyOf(nextAccounts.values()), List.copyOf(nextContacts.values())));
        accounts = nextAccounts;
        contacts = nextContacts;
    }

    @Override
    public synchronized Page<Account> accounts(String query, int offset, int limit) {
        Checks.paging(offset, limit);
        String q = Checks.query(query);
        ensureLoaded();
        List<Account> matching = accounts.values().stream()
                .filter(a -> Checks.contains(a.name(), q) || Checks.contains(a.industry(), q) || Checks.contains(a.city(), q))
                .toList();
        return Checks.page(matching, ACCOUNT_ORDER, offset, limit);
    }

    @Override
    public synchronized Account account(String id) {
        ensureLoaded();
        Account a = accounts.get(Checks.id(id, "account"));
        if (a == null) {
            throw Checks.notFound("no account " + id);
        }
        return a;
    }

    @Override
    public synchronized Account save(Account account) {
        validate(account);
        ensureLoaded();
        Account stored;
        if (account.id() == null) {
            stored = new Account(freshId(accounts.keySet()), account.name(), account.industry(), account.city(), account.phone(),
                    account.website(), account.notes(), 1);
        } else {
            Account current = accounts.get(account.id());
            if (current == null) {
                throw Checks.notFound("no account " + account.id() + " (a new account has no id)");
            }
            requireVersion(current.version(), account.version(), "account " + current.name());
            stored = new Account(account.id(), account.name(), account.industry(), account.city(), account.phone(),
                    account.website(), account.notes(), current.version() + 1);
        }
        Map<String, Account> next = new LinkedHashMap<>(accounts);
        next.put(stored.id(), stored);
        commit(next, contacts);
        return stored;
    }

    static void validate(Account a) {
        if (a == null) {
            throw Checks.invalid("no account given");
        }
        Checks.required(a.name(), "the name", MAX_NAME);
        Checks.optional(a.industry(), "the industry", MAX_FIELD);
        Checks.optional(a.city(), "the city", MAX_FIELD);
        Checks.phone(a.phone(), "the phone number");
        Checks.website(a.website(), "the website");
        Checks.multiline(a.notes(), "the notes", MAX_NOTES);
        if (a.id() == null && a.version() != 0) {
            throw Checks.invalid("a new account has version 0, not " + a.version());
        }
    }

    @Override
    public synchronized Page<Contact> contacts(String query, String accountId, int offset, int limit) {
        Checks.paging(offset, limit);
        String q = Checks.query(query);
        ensureLoaded();
        if (accountId != null && !accounts.containsKey(accountId)) {
            throw Checks.notFound("no account " + accountId);
        }
        List<Contact> matching = contacts.values().stream()
                .filter(c -> accountId == null || c.accountId().equals(accountId))
                .filter(c -> Checks.contains(c.name(), q) || Checks.contains(c.title(), q) || Checks.contains(c.email(), q))
                .toList();
        return Checks.page(matching, CONTACT_ORDER, offset, limit);
    }

    @Override
    public synchronized Contact contact(String id) {
        ensureLoaded();
        Contact c = contacts.get(Checks.id(id, "contact"));
        if (c == null) {
            throw Checks.notFound("no contact " + id);
        }
        return c;
    }

    @Override
    public synchronized Contact save(Contact contact) {
        validate(contact);
        ensureLoaded();
        if (!accounts.containsKey(contact.accountId())) {
            throw Checks.invalid("no account " + contact.accountId() + " for this contact");
        }
        Contact stored;
        if (contact.id() == null) {
            stored = new Contact(freshId(contacts.keySet()), contact.accountId(), contact.name(), contact.title(), contact.email(),
                    contact.phone(), contact.notes(), 1);
        } else {
            Contact current = contacts.get(contact.id());
            if (current == null) {
                throw Checks.notFound("no contact " + contact.id() + " (a new contact has no id)");
            }
            requireVersion(current.version(), contact.version(), "contact " + current.name());
            stored = new Contact(contact.id(), contact.accountId(), contact.name(), contact.title(), contact.email(),
                    contact.phone(), contact.notes(), current.version() + 1);
        }
        Map<String, Contact> next = new LinkedHashMap<>(contacts);
        next.put(stored.id(), stored);
        commit(accounts, next);
        return stored;
    }

    static void validate(Contact c) {
        if (c == null) {
            throw Checks.invalid("no contact given");
        }
        if (c.accountId() == null || c.accountId().isEmpty()) {
            throw Checks.invalid("a contact belongs to an account");
        }
        Checks.required(c.name(), "the name", MAX_NAME);
        Checks.optional(c.title(), "the title", MAX_FIELD);
        Checks.email(c.email(), "the email");
        Checks.phone(c.phone(), "the phone number");
        Checks.multiline(c.notes(), "the notes", MAX_NOTES);
        if (c.id() == null && c.version() != 0) {
            throw Checks.invalid("a new contact has version 0, not " + c.version());
        }
    }

    private static void requireVersion(long stored, long given, String what) {
        if (stored != given) {
            throw new GatewayException(GatewayException.Kind.CONFLICT, "the " + what + " was changed meanwhile (version "
                    + stored + ", this edit is of version " + given + "); reload it and edit again");
        }
    }

    private String freshId(Set<String> taken) {
        for (int i = 0; i < 8; i++) {
            String id = newId.get();
            if (!taken.contains(id) && !id.isEmpty()) {
                return id;
            }
        }
        throw new GatewayException(GatewayException.Kind.UNAVAILABLE, "cannot find a free id");
    }
}
