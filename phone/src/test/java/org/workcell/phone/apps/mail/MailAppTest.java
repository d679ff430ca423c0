package org.workcell.phone.apps.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Permission;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.MailService.Attachment;
import org.workcell.sdk.data.MailService.Message;
import org.workcell.sdk.ui.KeyEvent;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.TextField;
import org.workcell.sdk.ui.View;

class MailAppTest {
    private final FakeGateway gateway = new FakeGateway();
    private AppDriver phone;
    private Message budget;

    @BeforeEach
    void seed() {
        budget = gateway.mail.add("inbox", "Ana Silva <ana@example.com>", "Budget 2026", "Numbers attached.\nPlease review.", Instant.parse("2025-05-02T09:00:00Z"), false,
                new Attachment("budget.xlsx", "application/vnd.ms-excel", 20480));
        gateway.mail.add("inbox", "bob@example.com", "Lunch?", "Friday at noon", Instant.parse("2025-05-01T09:00:00Z"), true);
        phone = new AppDriver(gateway, "org.workcell.mail", Permission.MAIL_READ, Permission.MAIL_SEND);
    }

    private MailApp start(Bundle saved) {
        return (MailApp) phone.start(new MailApp(), saved);
    }

    private static String text(View v) {
        return ((Label) v).text();
    }

    @Test
    void foldersShowUnreadCountsAndOpenAList() {
        start(new Bundle());
        assertThat(phone.titles()).containsExactly("Mail");
        assertThat(phone.find("Inbox unread 1")).isPresent();
        assertThat(phone.find("Sent unread 0")).isEmpty();
        phone.tap("Inbox");
        assertThat(phone.titles()).containsExactly("Mail", "Inbox");
        assertThat(phone.find("Budget 2026")).isPresent();
        assertThat(phone.find("Lunch?")).isPresent();
        assertThat(phone.find("attachment")).isPresent();
        assertThat(phone.window().root().findAll(v -> "unread".equals(v.description()))).hasSize(1);
    }

    @Test
    void openingAMessageShowsItAndMarksItRead() {
        start(new Bundle());
        phone.tap("Inbox");
        phone.tap("Budget 2026");
        assertThat(phone.titles()).containsExactly("Mail", "Inbox", "Budget 2026");
        assertThat(text(phone.get("body"))).isEqualTo("Numbers attached.\nPlease review.");
        assertThat(phone.find("from Ana Silva <ana@example.com>")).isPresent();
        assertThat(phone.find("attachment budget.xlsx")).isPresent();
        assertThat(gateway.mail.messages.get(budget.id()).read()).isTrue();
        phone.tap("Back");
        assertThat(phone.titles()).containsExactly("Mail", "Inbox");
        assertThat(phone.window().root().findAll(v -> "unread".equals(v.description()))).isEmpty();
        phone.tap("Back");
        assertThat(phone.find("Inbox unread 1")).isEmpty();
    }

    @Test
    void composeAndSendLandsInSent() {
        start(new Bundle());
        phone.tap("Compose");
        assertThat(phone.titles()).containsExactly("Mail", "New message");
        phone.type("To", "carol@example.com, dan@example.org");
        phone.type("Subject", "Offsite");
        phone.type("Message", "See you there.");
        phone.tap("Send");
        assertThat(phone.toasts).containsExactly("Sent");
        assertThat(phone.titles()).containsExactly("Mail");
        Message sent = gateway.mail.messages.values().stream().filter(m -> m.folder().equals("sent")).findFirst().orElseThrow();
        assertThat(sent.to()).containsExactly("carol@example.com", "dan@example.org");
        assertThat(sent.subject()).isEqualTo("Offsite");
        assertThat(sent.body()).isEqualTo("See you there.");
        phone.tap("Sent");
        assertThat(phone.find("Offsite")).isPresent();
    }

    @Test
    void badRecipientsAreRefusedBeforeTheGateway() {
        start(new Bundle());
        phone.tap("Compose");
        phone.type("To", "carol@example.com, not-an-address");
        phone.tap("Send");
        assertThat(phone.toasts).containsExactly("\u201cnot-an-address\u201d is not an email address");
        assertThat(gateway.mail.lastDraft).isNull();
        assertThat(phone.titles()).containsExactly("Mail", "New message");

        fields().getFirst().text("");
        phone.tap("Send");
        assertThat(phone.toasts).last().isEqualTo("Add at least one recipient");
    }

    @Test
    void theGatewaysRefusalIsShownAndTheDraftKept() {
        gateway.mail.sendError = new GatewayException(GatewayException.Kind.DENIED, "Sending to external domains is not allowed");
        start(new Bundle());
        phone.tap("Compose");
        phone.type("To", "x@outside.com");
        phone.tap("Send");
        assertThat(phone.toasts).containsExactly("Sending to external domains is not allowed");
        assertThat(phone.titles()).containsExactly("Mail", "New message");
        assertThat(fields().getFirst().text()).isEqualTo("x@outside.com");
    }

    @Test
    void replyPrefillsRecipientSubjectAndQuote() {
        start(new Bundle());
        phone.tap("Inbox");
        phone.tap("Budget 2026");
        phone.tap("Reply");
        assertThat(phone.titles()).last().isEqualTo("Reply");
        List<TextField> f = fields();
        assertThat(f.get(0).text()).isEqualTo("ana@example.com");
        assertThat(f.get(2).text()).isEqualTo("Re: Budget 2026");
        assertThat(f.get(3).text()).contains("Ana Silva <ana@example.com> wrote:\n> Numbers attached.\n> Please review.");
        phone.window().text("Looks good");
        phone.tap("Send");
        assertThat(gateway.mail.lastDraft.inReplyTo()).isEqualTo(budget.id());
        assertThat(gateway.mail.lastDraft.body()).startsWith("Looks good");
        assertThat(phone.titles()).containsExactly("Mail", "Inbox", "Budget 2026");
    }

    private List<TextField> fields() {
        return phone.all(TextField.class);
    }

    @Test
    void forwardAndReplyAll() {
        start(new Bundle());
        phone.tap("Inbox");
        phone.tap("Budget 2026");
        phone.tap("Forward");
        assertThat(fields().get(0).text()).isEmpty();
        assertThat(fields().get(2).text()).isEqualTo("Fwd: Budget 2026");
        assertThat(fields().get(3).text()).contains("Forwarded message", "Numbers attached.");
    }

    @Test
    void folderMessageAndDraftSurviveARestart() {
        start(new Bundle());
        phone.tap("Inbox");
        phone.tap("Budget 2026");
        phone.tap("Reply");
        phone.window().text("Half-written ");
        phone.settle();
        Bundle saved = phone.save();
        assertThat(saved.get("folder", null)).isEqualTo("inbox");
        assertThat(saved.get("message", null)).isEqualTo(budget.id());

        AppDriver again = new AppDriver(gateway, "org.workcell.mail", Permission.MAIL_READ, Permission.MAIL_SEND);
        again.start(new MailApp(), saved);
        assertThat(again.titles()).containsExactly("Mail", "Inbox", "Message", "Reply");
        List<TextField> f = again.all(TextField.class);
        assertThat(f.get(0).text()).isEqualTo("ana@example.com");
        assertThat(f.get(3).text()).startsWith("Half-written \n\nOn ");
        again.tap("Send");
        assertThat(gateway.mail.lastDraft.inReplyTo()).isEqualTo(budget.id());
        assertThat(again.titles()).containsExactly("Mail", "Inbox", "Message");
        assertThat(again.find("body")).isPresent();
        assertThat(again.save().get("draft.to", null)).isNull();
    }

    @Test
    void leavingScreensForgetsThemInTheSavedState() {
        start(new Bundle());
        phone.tap("Inbox");
        phone.tap("Budget 2026");
        phone.tap("Back");
        assertThat(phone.save().get("message", null)).isNull();
        phone.tap("Back");
        assertThat(phone.save().asMap()).isEmpty();
    }

    @Test
    void longFoldersLoadAPageAtATimeAsTheUserScrolls() {
        for (int i = 0; i < 100; i++) {
            gateway.mail.add("archive", "p" + i + "@example.com", "Report " + i, "body " + i, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i * 3600L), true);
        }
        start(new Bundle());
        phone.tap("Archive");
        assertThat(phone.window().root().findAll(v -> v.description() != null && v.description().startsWith("Report "))).hasSize(MailApp.PAGE);
        Scroll scroll = phone.all(Scroll.class).getFirst();
        scroll.scrollTo(scroll.maxScroll());
        phone.settle();
        assertThat(phone.window().root().findAll(v -> v.description() != null && v.description().startsWith("Report "))).hasSize(2 * MailApp.PAGE);
        scroll.scrollTo(scroll.maxScroll());
        phone.settle();
        scroll.scrollTo(scroll.maxScroll());
        phone.settle();
        assertThat(phone.window().root().findAll(v -> v.description() != null && v.description().startsWith("Report "))).hasSize(100);
        assertThat(phone.find("Report 99")).isPresent(); // newest first
        assertThat(phone.find("Report 0")).isPresent();
    }

    @Test
    void emptyFolderAndErrorStates() {
        start(new Bundle());
        phone.tap("Trash");
        assertThat(phone.find("empty")).isPresent();
        assertThat(phone.find(v -> v instanceof Label l && l.text().equals("Trash is empty."))).isPresent();
        phone.tap("Back");
        gateway.fail = new GatewayException(GatewayException.Kind.UNAVAILABLE, "The mail server is not reachable");
        phone.tap("Inbox");
        assertThat(phone.find("error")).isPresent();
        assertThat(phone.find(v -> v instanceof Label l && l.text().equals("The mail server is not reachable"))).isPresent();
        phone.tap("Retry");
        assertThat(phone.find("Budget 2026")).isPresent();
    }

    @Test
    void searchFindsMessagesAcrossFolders() {
        start(new Bundle());
        phone.tap("Search");
        phone.window().text("noon");
        phone.key(KeyEvent.Key.ENTER);
        assertThat(phone.find("Lunch?")).isPresent();
        assertThat(phone.find("Budget 2026")).isEmpty();
        phone.tap("Lunch?");
        assertThat(phone.titles()).containsExactly("Mail", "Search", "Lunch?");
    }

    @Test
    void loadingIsShownWhileTheGatewayWorks() {
        AppDriver fresh = new AppDriver(gateway, "org.workcell.mail", Permission.MAIL_READ);
        MailApp app = new MailApp();
        app.bind(fresh);
        app.onCreate(fresh, new Bundle());
        assertThat(fresh.find("loading")).isPresent();
        fresh.settle();
        assertThat(fresh.find("loading")).isEmpty();
        assertThat(fresh.find("Inbox")).isPresent();
    }
}
