package org.workcell.sdk.data;

/** Customer accounts and the people at them. */
public interface CrmService {
    /** {@code version} counts edits: saving an older version than the stored one is a conflict. */
    record Account(String id, String name, String industry, String city, String phone, String website, String notes, long version) {}

    record Contact(String id, String accountId, String name, String title, String email, String phone, String notes, long version) {}

    /** Accounts whose name, industry or city contain {@code query} (empty: all), by name. */
    Page<Account> accounts(String query, int offset, int limit);

    Account account(String id);

    /** Creates (id null) or updates an account; returns it as stored. */
    Account save(Account account);

    /** Contacts matching {@code query}, of one account or (accountId null) of all, by name. */
    Page<Contact> contacts(String query, String accountId, int offset, int limit);

    Contact contact(String id);

    Contact save(Contact contact);
}
