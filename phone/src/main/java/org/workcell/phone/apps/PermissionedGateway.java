package org.workcell.phone.apps;

import java.util.List;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.Permission;
import org.workcell.sdk.data.CrmService;
import org.workcell.sdk.data.DocumentService;
import org.workcell.sdk.data.Gateway;
import org.workcell.sdk.data.MailService;
import org.workcell.sdk.data.Page;

/** The gateway as one app sees it: every call first checks the permission it needs. */
final class PermissionedGateway implements Gateway {
    private final Gateway inner;
    private final AppContext app;

    PermissionedGateway(Gateway inner, AppContext app) {
        this.inner = inner;
        this.app = app;
    }

    @Override
    public MailService mail() {
        MailService m = inner.mail();
        return new MailService() {
            @Override
            public List<Folder> folders() {
                app.require(Permission.MAIL_READ);
                return m.folders();
            }

            @Override
            public Page<Summary> list(String folderId, int offset, int limit) {
                app.require(Permission.MAIL_READ);
                return m.list(folderId, offset, limit);
            }

            @Override
            public Page<Summary> search(String query, int offset, int limit) {
                app.require(Permission.MAIL_READ);
                return m.search(query, offset, limit);
            }

            @Override
            public Message get(String id) {
                app.require(Permission.MAIL_READ);
                return m.get(id);
            }

            @Override
            public void markRead(String id, boolean read) {
                app.require(Permission.MAIL_READ);
                m.markRead(id, read);
            }

            @Override
            public String send(Draft draft) {
                app.require(Permission.MAIL_SEND);
                return m.send(draft);
            }

            @Override
            public void move(String id, String folderId) {
                app.require(Permission.MAIL_SEND);
                m.move(id, folderId);
            }
        };
    }

    @Override
    public CrmService crm() {
        CrmService c = inner.crm();
        return new CrmService() {
            @Override
            public Page<Account> accounts(String query, int offset, int limit) {
                app.require(Permission.CONTACTS_READ);
                return c.accounts(query, offset, limit);
            }

            @Override
            public Account account(String id) {
                app.require(Permission.CONTACTS_READ);
                return c.account(id);
            }

            @Override
            public Account save(Account account) {
                app.require(Permission.CONTACTS_WRITE);
                return c.save(account);
            }

            @Override
            public Page<Contact> contacts(String query, String accountId, int offset, int limit) {
                app.require(Permission.CONTACTS_READ);
                return c.contacts(query, accountId, offset, limit);
            }

            @Override
            public Contact contact(String id) {
                app.require(Permission.CONTACTS_READ);
                return c.contact(id);
            }

            @Override
            public Contact save(Contact contact) {
                app.require(Permission.CONTACTS_WRITE);
                return c.save(contact);
            }
        };
    }

    @Override
    public DocumentService documents() {
        DocumentService d = inner.documents();
        return new DocumentService() {
            @Override
            public Page<Document> list(String query, int offset, int limit) {
                app.require(Permission.DOCUMENTS_READ);
                return d.list(query, offset, limit);
            }

            @Override
            public Document get(String id) {
                app.require(Permission.DOCUMENTS_READ);
                return d.get(id);
            }

            @Override
            public byte[] content(String id, int maxBytes) {
                app.require(Permission.DOCUMENTS_READ);
                return d.content(id, maxBytes);
            }
        };
    }
}
