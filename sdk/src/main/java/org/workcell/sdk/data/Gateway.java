package org.workcell.sdk.data;

/**
 * The only way to enterprise data from a phone. Behind it sits either the phone's local store or
 * the server's gateway, which verifies every signed request outside the phone before anything is
 * committed. Every method may block: call it off the UI thread.
 */
public interface Gateway {
    MailService mail();

    CrmService crm();

    DocumentService documents();
}
