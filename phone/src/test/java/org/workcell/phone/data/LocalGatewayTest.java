package org.workcell.phone.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.phone.data.Fixtures.ADDRESS;
import static org.workcell.phone.data.Fixtures.CLOCK;
import static org.workcell.phone.data.Fixtures.NOW;
import static org.workcell.phone.data.Fixtures.open;
import static org.workcell.phone.data.Fixtures.snapshot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.sdk.data.CrmService.Account;
import org.workcell.sdk.data.CrmService.Contact;
import org.workcell.sdk.data.DocumentService.Document;
import org.workcell.sdk.data.DocumentService.Type;
import org.workcell.sdk.data.Gateway;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.GatewayException.Kind;
import org.workcell.sdk.data.MailService.Draft;
import org.workcell.sdk.data.MailService.Folder;
import org.workcell.sdk.data.MailService.Message;
import org.workcell.sdk.data.MailService.Summary;
import org.workcell.sdk.data.Page;

class LocalGatewayTest {
    @TempDir
    Path dir;

    private static void touchAll(Gateway g) {
        g.mail().folders();
        g.crm().accounts("", 0, 1);
        g.documents().list("", 0, 1);
    }

    private static void fails(Kind kind, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    // ------------------------------------------------------------------ seeding

    @Test
    void seedingIsDeterministicAndPersonal(@TempDir Path other, @TempDir Path third) {
        touchAll(open(dir));
        touchAll(open(other));
        touchAll(new LocalGateway(third, "bob@contoso.example", CLOCK));
        Map<String, String> a = snapshot(dir);
        assertThat(a).containsKeys("mail.json", "crm.json", "documents.json");
        assertThat(snapshot(other)).isEqualTo(a);
        assertThat(snapshot(third).get("mail.json")).isNotEqualTo(a.get("mail.json"));
        assertThat(open(dir).mail().search("Bob", 0, 500).items()).allSatisfy(s -> assertThat(s.from()).doesNotContain("bob@contoso"));
        assertThat(new LocalGateway(third, "bob@contoso.example", CLOCK).mail().list("sent", 0, 1).items().getFirst().from())
                .isEqualTo("Bob <bob@contoso.example>");
    }

    @Test
    void seededMailboxIsRealistic() {
        Gateway g = open(dir);
        List<Folder> folders = g.mail().folders();
        assertThat(folders).extracting(Folder::name).containsExactly("Inbox", "Sent", "Drafts", "Archive", "Trash");
        assertThat(folders).allSatisfy(f -> assertThat(f.total()).isPositive());
        assertThat(folders.stream().mapToInt(Folder::total).sum()).isEqualTo(Seed.MESSAGES);
        Folder inbox = folders.getFirst();
        assertThat(inbox.unread()).isBetween(1, inbox.total() - 1);

        List<Summary> all = g.mail().search("", 0, 500).items();
        assertThat(all).hasSize(Seed.MESSAGES);
        assertThat(all).extracting(Summary::date).allSatisfy(d ->
                assertThat(d).isBetween(NOW.minus(Duration.ofDays(60)), NOW));
        assertThat(all.stream().map(Summary::from).distinct().count()).isGreaterThan(40);
        assertThat(all).filteredOn(Summary::attachments).hasSizeBetween(5, 60);
        Message m = g.mail().get(all.getFirst().id());
        assertThat(m.body().split("\n\n").length).isGreaterThanOrEqualTo(4);
        assertThat(g.mail().list("sent", 0, 500).items()).allSatisfy(s -> assertThat(s.from()).isEqualTo("Alice Martin <" + ADDRESS + ">"));
        Summary withAttachment = all.stream().filter(Summary::attachments).findFirst().orElseThrow();
        assertThat(g.mail().get(withAttachment.id()).attachments()).allSatisfy(a -> {
            assertThat(a.name()).isNotBlank();
            assertThat(a.type()).contains("/");
            assertThat(a.size()).isPositive();
        });
    }

    @Test
    void seededCrmAndDocuments() throws IOException {
        Gateway g = open(dir);
        Page<Account> accounts = g.crm().accounts("", 0, 500);
        assertThat(accounts.total()).isEqualTo(Seed.ACCOUNTS);
        assertThat(accounts.items()).allSatisfy(a -> {
            LocalCrm.validate(new Account(null, a.name(), a.industry(), a.city(), a.phone(), a.website(), a.notes(), 0));
            assertThat(a.version()).isEqualTo(1);
        });
        assertThat(accounts.items().stream().map(Account::industry).distinct().count()).isGreaterThan(6);
        assertThat(accounts.items().stream().map(Account::city).distinct().count()).isGreaterThan(8);
        Page<Contact> contacts = g.crm().contacts("", null, 0, 500);
        assertThat(contacts.total()).isEqualTo(Seed.CONTACTS);
        Set<String> accountIds = accounts.items().stream().map(Account::id).collect(Collectors.toSet());
        assertThat(contacts.items()).allSatisfy(c -> {
            assertThat(accountIds).contains(c.accountId());
            LocalCrm.validate(new Contact(null, c.accountId(), c.name(), c.title(), c.email(), c.phone(), c.notes(), 0));
        });
        for (Account a : accounts.items()) {
            assertThat(g.crm().contacts("", a.id(), 0, 500).total()).isGreaterThanOrEqualTo(2);
        }

        Page<Document> docs = g.documents().list("", 0, 500);
        assertThat(docs.total()).isBetween(12, 20);
        assertThat(docs.items()).extracting(Document::folder).containsOnly("Engineering", "Policies", "Sales");
        assertThat(docs.items()).extracting(Document::type).contains(Type.TEXT, Type.MARKDOWN, Type.IMAGE);
        assertThat(docs.items()).extracting(d -> d.folder() + "/" + d.name()).isSorted();
        for (Document d : docs.items()) {
            byte[] bytes = g.documents().content(d.id(), 1 << 20);
            assertThat(bytes).hasSize((int) d.size());
            if (d.type() == Type.IMAGE) {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
                assertThat(img.getWidth()).isPositive();
            }
        }
        Document md = docs.items().stream().filter(d -> d.name().equals("Architecture Overview.md")).findFirst().orElseThrow();
        String text = new String(g.documents().content(md.id(), 100_000), StandardCharsets.UTF_8);
        assertThat(text).contains("# ", "## ", "- ", "**", "*", "](https://", "```");
        Document onboarding = g.documents().list("onboarding", 0, 10).items().getFirst();
        assertThat(new String(g.documents().content(onboarding.id(), 100_000), StandardCharsets.UTF_8)).contains("Welcome, Alice Martin!");
    }

    // ------------------------------------------------------------------ paging and search

    @Test
    void pagingIsValidatedAndSlicesInOrder() {
        Gateway g = open(dir);
        List<Function<int[], Object>> calls = List.of(
                p -> g.mail().list("inbox", p[0], p[1]), p -> g.mail().search("", p[0], p[1]),
                p -> g.crm().accounts("", p[0], p[1]), p -> g.crm().contacts("", null, p[0], p[1]),
                p -> g.documents().list("", p[0], p[1]));
        for (var call : calls) {
            for (int[] bad : new int[][] {{-1, 10}, {0, 0}, {0, 501}, {Integer.MIN_VALUE, 1}, {0, -5}}) {
                fails(Kind.INVALID, () -> call.apply(bad));
            }
            assertThat(call.apply(new int[] {0, 500})).isNotNull();
            assertThat(call.apply(new int[] {Integer.MAX_VALUE, 500})).isNotNull();
        }

        Page<Summary> whole = g.mail().search("", 0, 500);
        assertThat(whole.items()).extracting(Summary::date).isSortedAccordingTo(Collections.reverseOrder());
        List<Summary> byPages = new ArrayList<>();
        for (int offset = 0; offset < whole.total(); offset += 7) {
            Page<Summary> page = g.mail().search("", offset, 7);
            assertThat(page.offset()).isEqualTo(offset);
            assertThat(page.total()).isEqualTo(whole.total());
            byPages.addAll(page.items());
        }
        assertThat(byPages).isEqualTo(whole.items());
        Page<Summary> past = g.mail().search("", 1000, 10);
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(whole.total());

        Page<Account> accounts = g.crm().accounts("", 5, 10);
        assertThat(accounts.items()).hasSize(10);
        assertThat(accounts.items()).extracting(a -> a.name().toLowerCase()).isSorted();
        assertThat(g.crm().contacts("", null, 0, 500).items()).extracting(c -> c.name().toLowerCase()).isSorted();
    }

    @Test
    void searchIsCaseInsensitiveOverTheDocumentedFields() {
        Gateway g = open(dir);
        Account first = g.crm().accounts("", 0, 1).items().getFirst();
        String word = first.name().split(" ")[0];
        Page<Account> byName = g.crm().accounts(word.toUpperCase(), 0, 500);
        assertThat(byName.items()).contains(first).allSatisfy(a -> assertThat(
                (a.name() + "|" + a.industry() + "|" + a.city()).toLowerCase()).contains(word.toLowerCase()));
        assertThat(g.crm().accounts(first.city().toLowerCase(), 0, 500).items()).contains(first);
        assertThat(g.crm().accounts(first.industry().toUpperCase(), 0, 500).items()).contains(first);
        assertThat(g.crm().accounts("no such thing at all", 0, 10).total()).isZero();

        Contact c = g.crm().contacts("", null, 0, 1).items().getFirst();
        assertThat(g.crm().contacts(c.email().toUpperCase(), null, 0, 10).items()).contains(c);
        assertThat(g.crm().contacts(c.name().toLowerCase(), c.accountId(), 0, 10).items()).contains(c);
        assertThat(g.crm().contacts("", c.accountId(), 0, 500).items()).allSatisfy(x -> assertThat(x.accountId()).isEqualTo(c.accountId()));
        fails(Kind.NOT_FOUND, () -> g.crm().contacts("", "nope", 0, 10));

        assertThat(g.mail().search("PENETRATION TEST", 0, 500).items()).isNotEmpty().allSatisfy(s ->
                assertThat(g.mail().get(s.id()).body().toLowerCase()).contains("penetration test"));
        String subject = g.mail().search("", 0, 1).items().getFirst().subject();
        assertThat(g.mail().search(subject.toLowerCase(), 0, 500).items()).extracting(Summary::subject).contains(subject);
        assertThat(g.mail().search("alice.martin@", 0, 500).total()).isEqualTo(g.mail().folders().get(1).total() + g.mail().folders().get(2).total());
        fails(Kind.INVALID, () -> g.mail().search(null, 0, 10));
        fails(Kind.INVALID, () -> g.mail().search("x".repeat(201), 0, 10));

        assertThat(g.documents().list("POLICY", 0, 500).items()).extracting(Document::name)
                .containsExactlyInAnyOrder("Travel Policy.md", "Expense Policy.md");
    }

    // ------------------------------------------------------------------ mail

    @Test
    void sendStoresACopyInSentWithTheClocksTime() {
        Gateway g = open(dir);
        int sentBefore = g.mail().folders().get(1).total();
        String id = g.mail().send(new Draft(List.of("olivia.smith@northwind.example"), List.of("legal@workcell.example"),
                "Contract", "Hello Olivia,\n\nSigned copy attached.\n\nAlice", null));
        Message m = g.mail().get(id);
        assertThat(m.folder()).isEqualTo("sent");
        assertThat(m.date()).isEqualTo(NOW);
        assertThat(m.read()).isTrue();
        assertThat(m.from()).isEqualTo("Alice Martin <" + ADDRESS + ">");
        assertThat(m.to()).containsExactly("olivia.smith@northwind.example");
        assertThat(m.cc()).containsExactly("legal@workcell.example");
        assertThat(g.mail().list("sent", 0, 1).items().getFirst().id()).isEqualTo(id);
        assertThat(g.mail().folders().get(1).total()).isEqualTo(sentBefore + 1);
        assertThat(g.mail().search("signed copy", 0, 10).items()).extracting(Summary::id).containsExactly(id);
        assertThat(open(dir).mail().get(id)).isEqualTo(m);
    }

    @Test
    void mailToOneselfAlsoLandsInTheInbox() {
        Gateway g = open(dir);
        Folder inbox = g.mail().folders().getFirst();
        String id = g.mail().send(new Draft(List.of("someone@else.example"), List.of(ADDRESS.toUpperCase()), "Note to self", "Remember the demo.", null));
        Summary top = g.mail().list("inbox", 0, 1).items().getFirst();
        assertThat(top.id()).isNotEqualTo(id);
        assertThat(top.subject()).isEqualTo("Note to self");
        assertThat(top.read()).isFalse();
        assertThat(top.date()).isEqualTo(NOW);
        Folder after = g.mail().folders().getFirst();
        assertThat(after.total()).isEqualTo(inbox.total() + 1);
        assertThat(after.unread()).isEqualTo(inbox.unread() + 1);

        String replyId = g.mail().send(new Draft(List.of("x@y.example"), List.of(), "Re: Note to self", "", top.id()));
        assertThat(g.mail().get(replyId).subject()).isEqualTo("Re: Note to self");
        assertThat(g.mail().folders().getFirst()).isEqualTo(after);
    }

    @Test
    void markReadAndMoveKeepCountsRight() {
        Gateway g = open(dir);
        Summary unread = g.mail().list("inbox", 0, 500).items().stream().filter(s -> !s.read()).findFirst().orElseThrow();
        Folder inbox = g.mail().folders().getFirst();
        g.mail().markRead(unread.id(), true);
        g.mail().markRead(unread.id(), true);
        assertThat(g.mail().folders().getFirst().unread()).isEqualTo(inbox.unread() - 1);
        g.mail().markRead(unread.id(), false);
        assertThat(g.mail().folders().getFirst()).isEqualTo(inbox);

        Folder trash = g.mail().folders().get(4);
        g.mail().move(unread.id(), "trash");
        assertThat(g.mail().get(unread.id()).folder()).isEqualTo("trash");
        assertThat(g.mail().folders().getFirst()).isEqualTo(new Folder("inbox", "Inbox", inbox.unread() - 1, inbox.total() - 1));
        assertThat(g.mail().folders().get(4)).isEqualTo(new Folder("trash", "Trash", trash.unread() + 1, trash.total() + 1));
        assertThat(g.mail().list("trash", 0, 500).items()).extracting(Summary::id).contains(unread.id());

        Gateway reopened = open(dir);
        assertThat(reopened.mail().folders()).isEqualTo(g.mail().folders());
        assertThat(reopened.mail().get(unread.id()).folder()).isEqualTo("trash");

        fails(Kind.NOT_FOUND, () -> g.mail().move(unread.id(), "Spam"));
        fails(Kind.NOT_FOUND, () -> g.mail().move("no-such-id", "inbox"));
        fails(Kind.NOT_FOUND, () -> g.mail().markRead("no-such-id", true));
        fails(Kind.NOT_FOUND, () -> g.mail().get("no-such-id"));
        fails(Kind.NOT_FOUND, () -> g.mail().list("Spam", 0, 10));
        fails(Kind.INVALID, () -> g.mail().get(null));
    }

    // ------------------------------------------------------------------ CRM

    @Test
    void crmSaveCreatesUpdatesAndDetectsConflicts() {
        Gateway g = open(dir);
        Account created = g.crm().save(new Account(null, "Zephyr Robotics AG", "Robotics", "Basel", "+41 61 555 0101",
                "https://zephyr.example/about?x=1", "New lead", 0));
        assertThat(created.id()).matches("[0-9a-f-]{36}");
        assertThat(created.version()).isEqualTo(1);
        assertThat(g.crm().account(created.id())).isEqualTo(created);

        Account renamed = g.crm().save(new Account(created.id(), "Zephyr Robotics", "Robotics", "Basel", null, null, null, 1));
        assertThat(renamed.version()).isEqualTo(2);
        fails(Kind.CONFLICT, () -> g.crm().save(new Account(created.id(), "Stale edit", "Robotics", "Basel", null, null, null, 1)));
        fails(Kind.CONFLICT, () -> g.crm().save(new Account(created.id(), "Future edit", "Robotics", "Basel", null, null, null, 7)));
        assertThat(g.crm().account(created.id())).isEqualTo(renamed);

        Contact person = g.crm().save(new Contact(null, created.id(), "Nina Keller", "COO", "nina.keller@zephyr.example",
                "+41 (61) 555-0102", "", 0));
        assertThat(person.version()).isEqualTo(1);
        assertThat(g.crm().contacts("", created.id(), 0, 10).items()).containsExactly(person);
        Contact moved = g.crm().save(new Contact(person.id(), g.crm().accounts("", 0, 1).items().getFirst().id(), "Nina Keller",
                "COO", "nina.keller@zephyr.example", null, null, 1));
        assertThat(moved.version()).isEqualTo(2);
        fails(Kind.CONFLICT, () -> g.crm().save(person));
        fails(Kind.NOT_FOUND, () -> g.crm().save(new Contact("made-up", created.id(), "X", null, null, null, null, 1)));
        fails(Kind.NOT_FOUND, () -> g.crm().save(new Account("made-up", "X", null, null, null, null, null, 1)));
        fails(Kind.NOT_FOUND, () -> g.crm().account("made-up"));
        fails(Kind.NOT_FOUND, () -> g.crm().contact("made-up"));

        Gateway reopened = open(dir);
        assertThat(reopened.crm().account(created.id())).isEqualTo(renamed);
        assertThat(reopened.crm().contact(person.id())).isEqualTo(moved);
    }

    // ------------------------------------------------------------------ rejections change nothing

    @Test
    void rejectedCallsLeaveEveryFileByteIdentical() {
        Gateway g = open(dir);
        touchAll(g);
        Account acct = g.crm().accounts("", 0, 1).items().getFirst();
        Contact contact = g.crm().contacts("", null, 0, 1).items().getFirst();
        String messageId = g.mail().search("", 0, 1).items().getFirst().id();
        String docId = g.documents().list("", 0, 1).items().getFirst().id();
        List<Folder> folders = g.mail().folders();
        Map<String, String> before = snapshot(dir);
        Set<String> names = new HashSet<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        List<String> fifty = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fifty.add("r" + i + "@x.example");
        }
        Account valid = new Account(null, "Valid Name", "Retail", "Oslo", "+47 22 00 00 00", "https://v.example", "", 0);
        Contact validContact = new Contact(null, acct.id(), "Valid Person", "Buyer", "v@p.example", "555 0100", "", 0);
        List<ThrowingCallable> rejected = List.of(
                () -> g.mail().send(new Draft(List.of(), List.of(), "s", "b", null)),
                () -> g.mail().send(new Draft(List.of("not an address"), List.of(), "s", "b", null)),
                () -> g.mail().send(new Draft(List.of("a@b.example"), List.of("@b.example"), "s", "b", null)),
                () -> g.mail().send(new Draft(List.of("a@b.example"), List.of("Alice <a@b.example>"), "s", "b", null)),
                () -> g.mail().send(new Draft(fifty, List.of(), "s", "b", null)),
                () -> g.mail().send(new Draft(List.of("a@b.example"), List.of(), "s".repeat(201), "b", null)),
                () -> g.mail().send(new Draft(List.of("a@b.example"), List.of(), "Bcc: evil\r\nx", "b", null)),
                () -> g.mail().send(new Draft(List.of("a@b.example"), List.of(), "s", "b".repeat(100_001), null)),
                () -> g.mail().send(new Draft(List.of("a@b.example"), List.of(), "s", "b", "no-such-message")),
                () -> g.mail().send(null),
                () -> g.mail().move(messageId, "Spam"),
                () -> g.mail().move("nope", "inbox"),
                () -> g.mail().markRead("nope", true),
                () -> g.crm().save(new Account(null, "", "Retail", "Oslo", null, null, null, 0)),
                () -> g.crm().save(new Account(null, "   ", "Retail", "Oslo", null, null, null, 0)),
                () -> g.crm().save(new Account(null, "n".repeat(121), "Retail", "Oslo", null, null, null, 0)),
                () -> g.crm().save(new Account(null, null, "Retail", "Oslo", null, null, null, 0)),
                () -> g.crm().save(new Account(null, "Ok", null, null, "call me", null, null, 0)),
                () -> g.crm().save(new Account(null, "Ok", null, null, "12", null, null, 0)),
                () -> g.crm().save(new Account(null, "Ok", null, null, null, "ftp://files.example", null, 0)),
                () -> g.crm().save(new Account(null, "Ok", null, null, null, "javascript:alert(1)", null, 0)),
                () -> g.crm().save(new Account(null, "Ok", null, null, null, "https://", null, 0)),
                () -> g.crm().save(new Account(null, "Ok", null, null, null, "www.example.com", null, 0)),
                () -> g.crm().save(new Account(null, "Line\nbreak", null, null, null, null, null, 0)),
                () -> g.crm().save(new Account(null, "Ok", null, null, null, null, null, 3)),
                () -> g.crm().save(new Account(acct.id(), "Ok", null, null, null, null, null, acct.version() + 1)),
                () -> g.crm().save(new Account("nope", "Ok", null, null, null, null, null, 1)),
                () -> g.crm().save((Account) null),
                () -> g.crm().save(new Contact(null, acct.id(), "Ok", null, "not-an-email", null, null, 0)),
                () -> g.crm().save(new Contact(null, acct.id(), "Ok", null, "a@b", null, null, 0)),
                () -> g.crm().save(new Contact(null, "no-such-account", "Ok", null, null, null, null, 0)),
                () -> g.crm().save(new Contact(null, null, "Ok", null, null, null, null, 0)),
                () -> g.crm().save(new Contact(null, acct.id(), "", null, null, null, null, 0)),
                () -> g.crm().save(new Contact(null, acct.id(), "Ok", "t".repeat(121), null, null, null, 0)),
                () -> g.crm().save(new Contact(contact.id(), contact.accountId(), "Ok", null, null, null, null, contact.version() - 1)),
                () -> g.crm().save(new Contact(contact.id(), "no-such-account", "Ok", null, null, null, null, contact.version())),
                () -> g.documents().content(docId, 1),
                () -> g.documents().content(docId, 0),
                () -> g.documents().content("nope", 100),
                () -> g.documents().get("nope"));
        for (ThrowingCallable call : rejected) {
            assertThatThrownBy(call).isInstanceOf(GatewayException.class).hasMessageNotContaining("null");
        }
        assertThat(snapshot(dir)).isEqualTo(before);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).collect(Collectors.toSet())).isEqualTo(names);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(g.mail().folders()).isEqualTo(folders);
        assertThat(g.crm().account(acct.id())).isEqualTo(acct);
        assertThat(g.crm().contact(contact.id())).isEqualTo(contact);

        // The same calls, made valid, do go through: the rejections were for the stated reason.
        g.crm().save(valid);
        g.crm().save(validContact);
        g.mail().send(new Draft(fifty.subList(0, 50), List.of(), "s".repeat(200), "b".repeat(100_000), messageId));
        assertThat(snapshot(dir)).isNotEqualTo(before);
    }

    @Test
    void documentContentIsBoundedByMaxBytes() {
        Gateway g = open(dir);
        Document png = g.documents().list("Revenue", 0, 1).items().getFirst();
        assertThat(png.type()).isEqualTo(Type.IMAGE);
        assertThat(g.documents().content(png.id(), (int) png.size())).hasSize((int) png.size());
        assertThatThrownBy(() -> g.documents().content(png.id(), (int) png.size() - 1))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
                .hasMessageContaining("Revenue by Region.png").hasMessageContaining(png.size() + " bytes")
                .hasMessageContaining((png.size() - 1) + " bytes allowed");
        assertThat(g.documents().get(png.id())).isEqualTo(png);
    }

    // ------------------------------------------------------------------ persistence and damage

    @Test
    void dataSurvivesReopening() {
        Gateway g = open(dir);
        String sent = g.mail().send(new Draft(List.of("a@b.example"), List.of(), "Persist me", "Body", null));
        Account a = g.crm().save(new Account(null, "Durable Ltd", "Storage", "Oslo", null, null, null, 0));
        List<Folder> folders = g.mail().folders();
        Page<Document> docs = g.documents().list("", 0, 500);

        // A later clock does not reseed or change what is stored.
        Gateway later = new LocalGateway(dir, Fixtures.USER, Clock.fixed(NOW.plus(Duration.ofDays(30)), ZoneOffset.UTC));
        assertThat(later.mail().get(sent).subject()).isEqualTo("Persist me");
        assertThat(later.mail().folders()).isEqualTo(folders);
        assertThat(later.crm().account(a.id())).isEqualTo(a);
        assertThat(later.documents().list("", 0, 500)).isEqualTo(docs);
    }

    @Test
    void aDamagedFileIsUnavailableAndLeftAsItIs() throws IOException {
        touchAll(open(dir));
        Path crm = dir.resolve("crm.json");
        byte[] whole = Files.readAllBytes(crm);
        byte[] torn = java.util.Arrays.copyOf(whole, whole.length / 2);
        Files.write(crm, torn);
        Gateway g = open(dir);
        assertThatThrownBy(() -> g.crm().accounts("", 0, 10))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                })
                .hasMessageContaining("crm.json").hasMessageContaining("damaged");
        fails(Kind.UNAVAILABLE, () -> g.crm().save(new Account(null, "Would overwrite", null, null, null, null, null, 0)));
        assertThat(Files.readAllBytes(crm)).isEqualTo(torn);
        // The other services are independent.
        assertThat(g.mail().folders()).hasSize(5);

        Files.writeString(dir.resolve("mail.json"), "{\"format\":1,\"folders\":[],\"messages\":[{\"id\":\"x\"}]}");
        fails(Kind.UNAVAILABLE, () -> open(dir).mail().folders());
        Files.writeString(dir.resolve("mail.json"), "{\"format\":1,\"folders\":[],\"messages\":[],\"extra\":true}");
        fails(Kind.UNAVAILABLE, () -> open(dir).mail().folders());
        Files.writeString(dir.resolve("mail.json"), "");
        fails(Kind.UNAVAILABLE, () -> open(dir).mail().folders());
        Files.writeString(dir.resolve("mail.json"), "{\"format\":1,\"folders\":[{\"id\":\"inbox\",\"name\":\"Inbox\"}],\"messages\":[]}");
        fails(Kind.UNAVAILABLE, () -> open(dir).mail().folders());
        Files.writeString(dir.resolve("mail.json"), "null");
        fails(Kind.UNAVAILABLE, () -> open(dir).mail().folders());

        Document doc = g.documents().list("", 0, 1).items().getFirst();
        try (var files = Files.list(dir.resolve("documents"))) {
            for (Path p : files.toList()) {
                Files.write(p, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
            }
        }
        fails(Kind.UNAVAILABLE, () -> g.documents().content(doc.id(), 1 << 20));
    }

    @Test
    void aWriteCutShortLeavesTheLastCommittedState() throws IOException {
        Gateway g = open(dir);
        touchAll(g);
        Account a = g.crm().save(new Account(null, "Committed GmbH", null, null, null, null, null, 0));
        String sent = g.mail().send(new Draft(List.of("a@b.example"), List.of(), "Committed mail", "Body", null));
        Map<String, String> committed = snapshot(dir);

        // A killed writer leaves its temporary file: complete-but-not-renamed, truncated, or empty.
        byte[] crmBytes = Files.readAllBytes(dir.resolve("crm.json"));
        String newer = new String(crmBytes, StandardCharsets.UTF_8).replace("Committed GmbH", "Uncommitted GmbH");
        Files.writeString(dir.resolve(".crm.json.12345.tmp"), newer);
        Files.write(dir.resolve(".crm.json.67890.tmp"), java.util.Arrays.copyOf(crmBytes, crmBytes.length / 3));
        Files.write(dir.resolve(".mail.json.1.tmp"), new byte[0]);
        Files.createDirectories(dir.resolve("documents"));
        Files.write(dir.resolve("documents").resolve(".half.png.2.tmp"), new byte[] {(byte) 0x89, 'P'});

        Gateway reopened = open(dir);
        assertThat(reopened.crm().account(a.id())).isEqualTo(a);
        assertThat(reopened.mail().get(sent).subject()).isEqualTo("Committed mail");
        assertThat(reopened.documents().list("", 0, 500).total()).isPositive();
        // The strays are cleared on load.
        assertThat(snapshot(dir)).isEqualTo(committed);

        // A seed of documents cut short before its index was written is redone on the next start.
        Path other = dir.resolve("other");
        open(other).documents().list("", 0, 1);
        Files.delete(other.resolve("documents.json"));
        try (var files = Files.list(other.resolve("documents"))) {
            Files.write(files.findFirst().orElseThrow(), new byte[] {0});
        }
        Gateway reseeded = open(other);
        for (Document d : reseeded.documents().list("", 0, 500).items()) {
            assertThat(reseeded.documents().content(d.id(), 1 << 20)).hasSize((int) d.size());
        }
    }

    @Test
    void concurrentWritersAllLand() throws Exception {
        Gateway g = open(dir);
        Account a = g.crm().accounts("", 0, 1).items().getFirst();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        g.mail().send(new Draft(List.of("t" + thread + "@x.example"), List.of(), "T" + thread + " #" + i, "concurrency check", null));
                        g.crm().save(new Contact(null, a.id(), "Thread " + thread + " person " + i, null, null, null, null, 0));
                        g.documents().list("", 0, 5);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Gateway reopened = open(dir);
        assertThat(reopened.mail().search("concurrency check", 0, 500).total()).isEqualTo(40);
        assertThat(reopened.crm().contacts("Thread ", a.id(), 0, 500).total()).isEqualTo(40);
    }

    @Test
    void userNames() {
        assertThat(Identity.of("alice.martin")).isEqualTo(new Identity(ADDRESS, "Alice Martin", "workcell.example"));
        assertThat(Identity.of("Bob@Contoso.Example")).isEqualTo(new Identity("bob@contoso.example", "Bob", "contoso.example"));
        assertThat(Identity.of("jean-luc picard").address()).isEqualTo("jean-luc.picard@workcell.example");
        assertThat(Identity.of("???").address()).isEqualTo("user@workcell.example");
        assertThatThrownBy(() -> new LocalGateway(dir, " ", CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }
}
