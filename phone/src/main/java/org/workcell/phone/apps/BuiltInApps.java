package org.workcell.phone.apps;

import java.util.List;
import org.workcell.phone.apps.catalog.CatalogApp;
import org.workcell.phone.apps.contacts.ContactsApp;
import org.workcell.phone.apps.notes.NotesApp;
import org.workcell.phone.apps.settings.SettingsApp;
import org.workcell.sdk.app.Permission;

/** The work apps that come with every phone, in home-screen order. */
final class BuiltInApps {
    private BuiltInApps() {}

    static List<AppEntry> all(org.workcell.phone.Phone phone) {
        return List.of(
                AppRegistry.builtIn("org.workcell.mail", "Mail", "MAIL", org.workcell.phone.apps.mail.MailApp.class, org.workcell.phone.apps.mail.MailApp::new,
                        Permission.MAIL_READ, Permission.MAIL_SEND, Permission.NOTIFICATIONS),
                AppRegistry.builtIn("org.workcell.contacts", "Contacts", "PEOPLE", ContactsApp.class, ContactsApp::new,
                        Permission.CONTACTS_READ, Permission.CONTACTS_WRITE),
                AppRegistry.builtIn("org.workcell.notes", "Notes", "NOTE", NotesApp.class, NotesApp::new),
                AppRegistry.builtIn("org.workcell.documents", "Documents", "DOCUMENT", org.workcell.phone.apps.documents.DocumentsApp.class,
                        org.workcell.phone.apps.documents.DocumentsApp::new, Permission.DOCUMENTS_READ),
                AppRegistry.builtIn("org.workcell.catalog", "App Catalog", "STORE", CatalogApp.class, () -> new CatalogApp(phone)),
                AppRegistry.builtIn("org.workcell.settings", "Settings", "SETTINGS", SettingsApp.class, () -> new SettingsApp(phone)));
    }
}
