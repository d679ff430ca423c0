package org.workcell.phone.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.workcell.sdk.data.CrmService.Account;
import org.workcell.sdk.data.CrmService.Contact;
import org.workcell.sdk.data.DocumentService.Document;
import org.workcell.sdk.data.DocumentService.Type;
import org.workcell.sdk.data.MailService.Attachment;
import org.workcell.sdk.data.MailService.Message;

/**
 * The sample enterprise data a fresh phone starts with. Deterministic: the same user and the same
 * time give the same data, byte for byte (fixed seeds, ids derived from names, images drawn pixel
 * by pixel without fonts).
 */
final class Seed {
    static final long SEED = 20_250_601L;
    static final int ACCOUNTS = 40;
    static final int CONTACTS = 150;
    static final int MESSAGES = 120;

    private final Identity me;
    private final Instant now;

    Seed(Identity me, Instant now) {
        this.me = me;
        this.now = now;
    }

    static String id(String kind, int n) {
        return UUID.nameUUIDFromBytes((kind + ":" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---------------------------------------------------------------- CRM

    private static final String[] PREFIX = {"Northwind", "Bluepeak", "Harbor", "Silverline", "Granite", "Cedar", "Aurora",
        "Summit", "Ironbridge", "Lakeshore", "Redwood", "Meridian", "Brightwater", "Oakfield", "Falcon", "Pioneer",
        "Keystone", "Riverbend", "Clearview", "Stonegate", "Evergreen", "Highland", "Copperleaf", "Westbrook"};
    private static final String[] SUFFIX = {"Logistics", "Health", "Foods", "Energy", "Systems", "Capital", "Retail",
        "Manufacturing", "Pharma", "Analytics", "Construction", "Media", "Insurance", "Telecom", "Motors", "Labs"};
    private static final String[] FORM = {"Inc.", "Ltd", "GmbH", "S.A.", "LLC", "Group", "AG", "plc"};
    private static final String[][] INDUSTRY_OF = {
        {"Logistics", "Transportation"}, {"Health", "Healthcare"}, {"Foods", "Food & Beverage"}, {"Energy", "Energy"},
        {"Systems", "Software"}, {"Capital", "Financial Services"}, {"Retail", "Retail"},
        {"Manufacturing", "Manufacturing"}, {"Pharma", "Pharmaceuticals"}, {"Analytics", "Software"},
        {"Construction", "Construction"}, {"Media", "Media"}, {"Insurance", "Insurance"}, {"Telecom", "Telecommunications"},
        {"Motors", "Automotive"}, {"Labs", "Biotechnology"}};
    /** City and the phone prefix used there. */
    private static final String[][] CITIES = {{"New York", "+1 212 "}, {"Chicago", "+1 312 "}, {"Austin", "+1 512 "},
        {"Seattle", "+1 206 "}, {"Toronto", "+1 416 "}, {"London", "+44 20 "}, {"Manchester", "+44 161 "},
        {"Paris", "+33 1 "}, {"Lyon", "+33 4 "}, {"Berlin", "+49 30 "}, {"Munich", "+49 89 "}, {"Zurich", "+41 44 "},
        {"Madrid", "+34 91 "}, {"Milan", "+39 02 "}, {"Amsterdam", "+31 20 "}, {"Stockholm", "+46 8 "},
        {"Singapore", "+65 "}, {"Sydney", "+61 2 "}, {"Tokyo", "+81 3 "}, {"São Paulo", "+55 11 "}};
    private static final String[] ACCOUNT_NOTES = {
        "Key account. Renewal due next quarter; champion is the operations director.",
        "Pilot of 50 seats running since spring. Wants SSO before expanding.",
        "Procurement is slow: allow eight weeks for any purchase order.",
        "Referred by a partner. Interested in the analytics add-on.",
        "Had two support escalations last year, both resolved. Relationship is good again.",
        "", "", "Multi-year contract; prefers invoices in EUR.", "Evaluating a competitor; schedule an executive briefing."};
    static final String[] FIRST = {"Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Sofia", "Mateo", "Mia", "Ethan",
        "Amelia", "Leo", "Chloé", "Hugo", "Hannah", "Jonas", "Ingrid", "Lars", "Giulia", "Marco", "Yuki", "Haruto",
        "Priya", "Arjun", "Fatima", "Omar", "Zoe", "Samuel", "Elena", "David", "Grace", "Daniel", "Isabel", "Tomás",
        "Nora", "Felix", "Aisha", "Kwame", "Mei", "Wei"};
    static final String[] LAST = {"Smith", "Johnson", "Garcia", "Müller", "Rossi", "Dubois", "Andersson", "Tanaka",
        "Patel", "Khan", "Nguyen", "Kowalski", "Silva", "O'Brien", "Jensen", "Novak", "Fischer", "Martin", "Lopez",
        "Chen", "Williams", "Brown", "Schneider", "Bianchi", "Moreau", "Larsen", "Sato", "Mensah", "Costa", "Walsh"};
    private static final String[] TITLES = {"Chief Executive Officer", "Chief Financial Officer", "CTO",
        "VP Operations", "VP Sales", "Head of Procurement", "IT Director", "Operations Manager", "Purchasing Manager",
        "Account Manager", "Project Manager", "Security Officer", "Finance Controller", "Office Manager",
        "Software Engineer", "Data Analyst", "Legal Counsel", "Facilities Manager"};

    record Crm(List<Account> accounts, List<Contact> contacts) {}

    Crm crm() {
        Random r = new Random(SEED);
        List<Account> accounts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (accounts.size() < ACCOUNTS) {
            String prefix = pick(r, PREFIX);
            String[] suffix = INDUSTRY_OF[r.nextInt(INDUSTRY_OF.length)];
            String name = prefix + " " + suffix[0] + " " + pick(r, FORM);
            if (!names.add(prefix + suffix[0])) {
                continue;
            }
            String[] city = CITIES[r.nextInt(CITIES.length)];
            String slug = (prefix + "-" + suffix[0]).toLowerCase(Locale.ROOT);
            accounts.add(new Account(id("account", accounts.size()), name, suffix[1], city[0], phone(r, city[1]),
                    "https://www." + slug + ".example", pick(r, ACCOUNT_NOTES), 1));
        }
        List<Contact> contacts = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        while (contacts.size() < CONTACTS) {
            // Every account has at least two people; the rest are spread at random.
            Account account = contacts.size() < 2 * ACCOUNTS ? accounts.get(contacts.size() % ACCOUNTS) : accounts.get(r.nextInt(ACCOUNTS));
            String first = pick(r, FIRST);
            String last = pick(r, LAST);
            String domain = account.website().substring("https://www.".length());
            String email = ascii(first) + "." + ascii(last) + "@" + domain;
            if (!emails.add(email)) {
                continue;
            }
            String cityPrefix = prefixOf(account.city());
            String notes = r.nextInt(4) == 0 ? "Prefers calls in the morning; met at the " + pick(r, new String[] {"spring", "autumn"}) + " trade fair." : "";
            contacts.add(new Contact(id("contact", contacts.size()), account.id(), first + " " + last, pick(r, TITLES), email,
                    phone(r, cityPrefix), notes, 1));
        }
        return new Crm(List.copyOf(accounts), List.copyOf(contacts));
    }

    private static String prefixOf(String city) {
        for (String[] c : CITIES) {
            if (c[0].equals(city)) {
                return c[1];
            }
        }
        return "+1 555 ";
    }

    private static String phone(Random r, String prefix) {
        return prefix + (100 + r.nextInt(900)) + " " + (1000 + r.nextInt(9000));
    }

    static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace("ß", "ss").replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    // ---------------------------------------------------------------- mail

    static final List<String[]> FOLDERS = List.of(new String[] {"inbox", "Inbox"}, new String[] {"sent", "Sent"},
            new String[] {"drafts", "Drafts"}, new String[] {"archive", "Archive"}, new String[] {"trash", "Trash"});

    private static final String[] COLLEAGUE_TEAMS = {"Finance", "IT Service Desk", "People Team", "Legal", "Sales Ops",
        "Facilities", "Security"};
    private static final String[] EXTERNAL_SUBJECTS = {
        "Renewal quote for %s", "Re: Invoice %d from %s", "Meeting follow-up: %s", "Questions about the pilot at %s",
        "%s — updated requirements", "Re: Delivery schedule for %s", "Introduction: new contact at %s",
        "Contract draft v%d for %s", "Re: Support ticket #%d (%s)", "Site visit at %s next week"};
    private static final String[] INTERNAL_SUBJECTS = {
        "Q%d forecast review", "Expense report reminder", "Your laptop refresh is ready", "Team offsite agenda",
        "Security training due this month", "Pipeline call moved to Thursday", "Updated travel policy",
        "Re: Pricing exception for %s", "Holiday schedule", "Welcome our new colleagues", "Board deck input needed",
        "Office closed on Friday", "Re: Customer reference for %s", "Password expiry notice"};
    private static final String[] OPENING = {
        "Thanks for your time on the call earlier. As promised, here is a short summary of where we landed.",
        "I hope you had a good week. I wanted to follow up on the points we left open last time.",
        "Quick update from our side before the end of the month.",
        "Thank you for the quick reply. A few more details below so we can move forward.",
        "As discussed, I'm sharing the latest numbers so everyone works from the same version."};
    private static final String[] MIDDLE = {
        "The team reviewed the proposal and the overall scope looks right. The main open question is the rollout order: "
            + "we would like to start with the regional offices and move the headquarters in the second phase.",
        "On pricing, we can hold the current rate if the order is confirmed before the quarter closes. After that the new "
            + "list prices apply, which are about four percent higher across the board.",
        "Our security team asked for the latest penetration test summary and confirmation that data stays in the EU region. "
            + "Could you send both, or point me to where they are published?",
        "Delivery is planned in two batches. The first one ships at the end of next week, the second about ten days later, "
            + "depending on customs.",
        "I attached the updated figures. Revenue is slightly ahead of plan, while the services margin is below target "
            + "because of the extra onboarding work.",
        "We still need a named contact for invoicing and the purchase order number. Without them accounts payable "
            + "cannot release the payment.",
        "Several users reported that the sync occasionally takes longer than a minute. Support is looking into it and "
            + "will share a root cause by Friday.",
        "Please review the attached draft and mark up anything that does not match your understanding. Legal would like "
            + "to finalise the wording this month."};
    private static final String[] CLOSING = {
        "Let me know if anything is unclear.", "Happy to set up a call if that is easier.",
        "Looking forward to your thoughts.", "Thanks again for your help.", "Could you confirm by the end of the week?"};
    private static final String[] SIGN = {"Best regards,", "Kind regards,", "Thanks,", "Cheers,", "All the best,"};
    private static final String[][] ATTACHMENTS = {
        {"Quote-%d.pdf", "application/pdf"}, {"Contract-draft-v%d.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"Forecast-Q%d.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"site-photo-%d.jpg", "image/jpeg"}, {"Agenda-%d.pdf", "application/pdf"}, {"invoice-%d.pdf", "application/pdf"},
        {"diagram-%d.png", "image/png"}, {"notes-%d.txt", "text/plain"}};

    record Mail(List<String[]> folders, List<Message> messages) {}

    Mail mail() {
        Crm crm = crm();
        Random r = new Random(SEED + 1);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            int roll = r.nextInt(100);
            String folder = roll < 58 ? "inbox" : roll < 76 ? "sent" : roll < 80 ? "drafts" : roll < 94 ? "archive" : "trash";
            boolean internal = r.nextInt(3) == 0;
            Contact contact = crm.contacts().get(r.nextInt(crm.contacts().size()));
            Account account = crm.accounts().stream().filter(a -> a.id().equals(contact.accountId())).findFirst().orElseThrow();
            String otherName;
            String otherAddress;
            if (internal) {
                if (r.nextBoolean()) {
                    String team = pick(r, COLLEAGUE_TEAMS);
                    otherName = team;
                    otherAddress = team.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-") + "@" + me.domain();
                } else {
                    String first = pick(r, FIRST);
                    String last = pick(r, LAST);
                    otherName = first + " " + last;
                    otherAddress = ascii(first) + "." + ascii(last) + "@" + me.domain();
                }
            } else {
                otherName = contact.name();
                otherAddress = contact.email();
            }
            String template = pick(r, internal ? INTERNAL_SUBJECTS : EXTERNAL_SUBJECTS);
            int number = internal ? 1 + r.nextInt(4) : 1000 + r.nextInt(9000);
            String subject = String.format(Locale.ROOT, template.replace("%d", "%2$d").replace("%s", "%1$s"), account.name(), number);
            boolean outgoing = folder.equals("sent") || folder.equals("drafts");
            if (outgoing && !subject.startsWith("Re: ") && r.nextBoolean()) {
                subject = "Re: " + subject;
            }
            String writer = outgoing ? me.displayName() : otherName;
            String reader = outgoing ? otherName : me.displayName();
            String body = body(r, reader.split(" ")[0], writer, internal ? null : outgoing ? "Workcell" : account.name());
            Instant date = now.minus(Duration.ofSeconds((long) (r.nextDouble() * Duration.ofDays(60).toSeconds())))
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String from = outgoing ? me.mailbox() : otherName + " <" + otherAddress + ">";
            List<String> to = outgoing ? List.of(otherAddress) : List.of(me.address());
            List<String> cc = new ArrayList<>();
            if (r.nextInt(5) == 0) {
                Contact extra = crm.contacts().get(r.nextInt(crm.contacts().size()));
                cc.add(extra.email());
            }
            List<Attachment> attachments = new ArrayList<>();
            if (r.nextInt(5) == 0) {
                int n = 1 + r.nextInt(2);
                for (int k = 0; k < n; k++) {
                    String[] a = ATTACHMENTS[r.nextInt(ATTACHMENTS.length)];
                    attachments.add(new Attachment(String.format(Locale.ROOT, a[0], 1 + r.nextInt(9)), a[1], 8_000 + r.nextInt(2_400_000)));
                }
            }
            long ageDays = Duration.between(date, now).toDays();
            boolean read = switch (folder) {
                case "inbox" -> ageDays > 14 ? r.nextInt(10) != 0 : r.nextBoolean();
                case "trash" -> r.nextBoolean();
                default -> true;
            };
            messages.add(new Message(id("message", i), folder, from, to, cc, subject, body, date, read, attachments));
        }
        messages.sort(Comparator.comparing(Message::date).reversed().thenComparing(Message::id));
        return new Mail(FOLDERS, List.copyOf(messages));
    }

    private String body(Random r, String greetName, String writer, String company) {
        StringBuilder b = new StringBuilder();
        b.append(r.nextBoolean() ? "Hi " : "Hello ").append(greetName).append(",\n\n");
        b.append(pick(r, OPENING)).append("\n\n");
        int paragraphs = 1 + r.nextInt(3);
        int start = r.nextInt(MIDDLE.length);
        for (int p = 0; p < paragraphs; p++) {
            b.append(MIDDLE[(start + p) % MIDDLE.length]).append("\n\n");
        }
        b.append(pick(r, CLOSING)).append("\n\n").append(pick(r, SIGN)).append('\n').append(writer);
        if (company != null) {
            b.append('\n').append(company);
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- documents

    record SeedDocument(Document document, byte[] content) {}

    List<SeedDocument> documents() {
        Random r = new Random(SEED + 2);
        Crm crm = crm();
        List<SeedDocument> docs = new ArrayList<>();
        String today = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(now);
        add(docs, r, "Policies", "Travel Policy.md", Type.MARKDOWN, """
                # Travel Policy

                *Applies to all employees. Last reviewed %s.*

                ## Booking

                1. Book flights and hotels through the **travel portal** at least 14 days ahead.
                2. Economy class for flights under 6 hours; premium economy above.
                3. Hotels up to the city rate in the [rate table](https://intranet.workcell.example/travel/rates).

                ## Expenses

                - Meals: up to the daily allowance, receipts required above 25 EUR.
                - Taxis only when public transport is impractical.
                - Submit the report within **30 days** of returning.

                > Questions? Write to `travel@%s`.
                """.formatted(today, me.domain()));
        add(docs, r, "Policies", "Expense Policy.md", Type.MARKDOWN, """
                # Expense Policy

                Every expense needs a business purpose, a receipt and approval by your manager.

                ## Limits

                | Category | Limit |
                |----------|-------|
                | Client dinner | 80 EUR per person |
                | Books and courses | 500 EUR per year |
                | Home office | 300 EUR once |

                ## Not reimbursed

                - Alcohol without a client present
                - *Personal* entertainment subscriptions
                - Fines of any kind

                See also the [Travel Policy](Travel%20Policy.md).
                """);
        add(docs, r, "Policies", "Security Guidelines.md", Type.MARKDOWN, """
                # Security Guidelines

                Your work phone keeps company data **inside** the Workcell container. Please:

                1. Never forward company mail to private accounts.
                2. Lock the work phone when you step away; the PIN is separate from your device PIN.
                3. Report lost devices at once to the [Service Desk](https://servicedesk.workcell.example).

                ## Passwords

                - At least 14 characters; a passphrase is best.
                - Use the password manager, never a spreadsheet.

                ```
                Phishing check: hover over links, check the sender domain,
                and when in doubt, forward to security@%s
                ```
                """.formatted(me.domain()));
        add(docs, r, "Policies", "Code of Conduct.txt", Type.TEXT, """
                CODE OF CONDUCT

                We treat colleagues, customers and partners with respect.

                1. Be honest. Do not misrepresent products, prices or delivery dates.
                2. Protect information. Customer data is used only for the purpose it was given.
                3. Avoid conflicts of interest. Declare gifts above 50 EUR to Legal.
                4. Speak up. Concerns can be raised with your manager, People Team or the
                   confidential hotline, without fear of retaliation.

                Questions: legal@%s
                """.formatted(me.domain()));
        add(docs, r, "Policies", "Holiday Calendar.txt", Type.TEXT, """
                HOLIDAY CALENDAR

                Offices close on public holidays of their country. In addition:

                  - Company day:        first Friday of June
                  - Winter break:       24 December to 1 January
                  - Volunteering days:  two per year, agreed with your manager

                Plan absences in the HR portal at least two weeks ahead.
                """);
        StringBuilder customers = new StringBuilder("KEY ACCOUNTS\n\n");
        customers.append(String.format(Locale.ROOT, "%-34s %-20s %s%n", "Account", "Industry", "City"));
        crm.accounts().stream().limit(20).forEach(a ->
                customers.append(String.format(Locale.ROOT, "%-34s %-20s %s%n", a.name(), a.industry(), a.city())));
        add(docs, r, "Sales", "Key Accounts.txt", Type.TEXT, customers.toString());
        add(docs, r, "Sales", "Pipeline Review.md", Type.MARKDOWN, """
                # Pipeline Review

                Prepared by **%s** on %s.

                ## Highlights

                - %s moved to *negotiation*; decision expected this month.
                - %s asked for a second demo with their IT team.
                - Win rate this quarter: **31%%** (last quarter 27%%).

                ## Risks

                1. Two renewals depend on the SSO integration.
                2. Procurement at %s requires a new security questionnaire.

                Full numbers in the [forecast sheet](https://intranet.workcell.example/sales/forecast).
                """.formatted(me.displayName(), today, crm.accounts().get(0).name(), crm.accounts().get(1).name(),
                crm.accounts().get(2).name()));
        add(docs, r, "Sales", "Sales Playbook.md", Type.MARKDOWN, """
                # Sales Playbook

                ## Discovery questions

                - What happens today when an employee loses their phone?
                - Who owns *mobile security* and who owns the *budget*?
                - How many users need company mail on mobile?

                ## Objections

                **"We already have MDM."** MDM manages the device; Workcell keeps the data off it.

                **"Our users want one phone."** They keep one phone: the work phone runs in an app.

                ## Next steps

                1. Send the recap within 24 hours.
                2. Propose a 30-day pilot with success criteria.
                3. Log everything in the CRM.
                """);
        add(docs, r, "Sales", "Price List.txt", Type.TEXT, """
                PRICE LIST (per user, per month, billed yearly)

                  Essentials      9.00 EUR   mail, contacts, documents
                  Business       14.00 EUR   + app catalog, policies, watermark
                  Enterprise     21.00 EUR   + gateway journal, SSO, priority support

                Volume discounts: 5%% above 250 users, 10%% above 1000 users.
                Non-profit and education: ask Sales Ops.
                """.replace("%%", "%"));
        docs.add(image(r, "Sales", "Revenue by Region.png", barChart()));
        add(docs, r, "Engineering", "Architecture Overview.md", Type.MARKDOWN, """
                # Architecture Overview

                Workcell runs many **virtual work phones** on one host. Each phone:

                - renders its own screen and streams only the *damaged* regions,
                - keeps its state in one data folder,
                - reaches company data only through the **gateway**.

                ## Request path

                ```java
                Gateway gateway = phone.gateway();
                Page<Summary> inbox = gateway.mail().list("inbox", 0, 50);
                ```

                Every change is signed by the phone's container key and verified outside the
                container before it is committed. See the [design notes](https://intranet.workcell.example/eng/design).
                """);
        add(docs, r, "Engineering", "Onboarding.md", Type.MARKDOWN, """
                # Welcome, %s!

                Your first week, step by step:

                1. Pick up your laptop from the IT Service Desk.
                2. Set up the **work phone** and choose a PIN.
                3. Clone the repositories and run the build:

                ```sh
                ./mvnw -B verify
                ```

                4. Read the *Architecture Overview* and the *Release Checklist*.
                5. Join the `#engineering` channel and say hello.

                Your buddy will meet you on day one.
                """.formatted(me.displayName()));
        add(docs, r, "Engineering", "Release Checklist.txt", Type.TEXT, """
                RELEASE CHECKLIST

                [ ] All CI runs green on main
                [ ] Changelog updated, version bumped
                [ ] Image built and smoke-tested on a staging host
                [ ] Benchmarks within 5 % of the previous release
                [ ] Security review signed off
                [ ] Release notes sent to Sales and Support
                [ ] Tag pushed, artifacts published
                """);
        add(docs, r, "Engineering", "Incident Runbook.md", Type.MARKDOWN, """
                # Incident Runbook

                ## Severity

                - **SEV1**: phones cannot start or data is at risk. Page the on-call at once.
                - **SEV2**: a feature is down for many users.
                - **SEV3**: degraded, with a workaround.

                ## First 15 minutes

                1. Acknowledge the page and open an incident channel.
                2. Check the host dashboards and the gateway journal.
                3. Post a status update, even if it is *"investigating"*.

                ```
                workcell admin journal verify
                ```

                Afterwards write a blameless review within five working days.
                """);
        docs.add(image(r, "Engineering", "System Diagram.png", diagram()));
        return List.copyOf(docs);
    }

    private void add(List<SeedDocument> docs, Random r, String folder, String name, Type type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        docs.add(new SeedDocument(new Document(id("document", docs.size()), name, folder, type, bytes.length, modified(r)), bytes));
    }

    private SeedDocument image(Random r, String folder, String name, BufferedImage image) {
        byte[] png = png(image);
        return new SeedDocument(new Document(id("document:" + name, 0), name, folder, Type.IMAGE, png.length, modified(r)), png);
    }

    private Instant modified(Random r) {
        return now.minus(Duration.ofMinutes(60L * 24 + r.nextInt(60 * 24 * 90))).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Bars of revenue per region over a light grid; pixels only, so the same on every machine. */
    static BufferedImage barChart() {
        int w = 480;
        int h = 300;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        fill(img, 0, 0, w, h, 0xFFFFFF);
        for (int y = 40; y < 260; y += 44) {
            fill(img, 40, y, 420, 1, 0xE0E4EA);
        }
        fill(img, 40, 260, 420, 2, 0x5F6B7A);
        fill(img, 40, 30, 2, 232, 0x5F6B7A);
        int[] values = {180, 132, 205, 96, 150};
        int[] colors = {0x2F6FDE, 0x20A387, 0xF2A93B, 0xD9534F, 0x7E57C2};
        for (int i = 0; i < values.length; i++) {
            int x = 64 + i * 80;
            fill(img, x + 4, 260 - values[i] + 4, 48, values[i] - 4, 0xCFD6E0); // shadow
            fill(img, x, 260 - values[i], 48, values[i], colors[i]);
        }
        return img;
    }

    /** Boxes (phones, host, gateway, database) joined by lines. */
    static BufferedImage diagram() {
        int w = 480;
        int h = 300;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            int shade = 0xF4 - y * 0x14 / h;
            fill(img, 0, y, w, 1, shade << 16 | shade << 8 | 0xFF);
        }
        for (int i = 0; i < 3; i++) {
            box(img, 30, 30 + i * 86, 90, 60, 0x2F6FDE);
            fill(img, 120, 59 + i * 86, 60, 3, 0x5F6B7A);
        }
        fill(img, 180, 59, 3, 175, 0x5F6B7A);
        box(img, 200, 110, 100, 80, 0x20A387);
        fill(img, 300, 149, 50, 3, 0x5F6B7A);
        box(img, 350, 110, 100, 80, 0xF2A93B);
        box(img, 370, 220, 60, 50, 0x7E57C2);
        fill(img, 399, 190, 3, 30, 0x5F6B7A);
        return img;
    }

    private static void box(BufferedImage img, int x, int y, int w, int h, int rgb) {
        fill(img, x, y, w, h, 0x3A4656);
        fill(img, x + 2, y + 2, w - 4, h - 4, rgb);
        fill(img, x + 10, y + 12, w - 20, 6, 0xFFFFFF);
        fill(img, x + 10, y + 24, (w - 20) * 2 / 3, 4, 0xFFFFFF);
    }

    private static void fill(BufferedImage img, int x, int y, int w, int h, int rgb) {
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                img.setRGB(i, j, rgb);
            }
        }
    }
}
