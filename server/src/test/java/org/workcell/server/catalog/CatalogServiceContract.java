package org.workcell.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.core.protocol.AppAssignment;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.server.internal.catalog.AppRequestView;
import org.workcell.server.internal.catalog.AppView;
import org.workcell.server.internal.catalog.CatalogService;
import org.workcell.server.internal.catalog.GroupAppView;

/** The catalog service against a real database; each database runs these through its own subclass. */
abstract class CatalogServiceContract extends CatalogFixture {
    private static final String NOTES = "com.example.notes";
    private static final String CHAT = "com.example.chat";

    // ---- apps ---------------------------------------------------------------------------------

    @Test
    void createsListsGetsAndDeletesApps() {
        AppView created = catalog.createApp(NOTES, "Notes", "Take notes at work", ADMIN);
        catalog.createApp(CHAT, "Chat", null, ADMIN);

        assertThat(created.packageId()).isEqualTo(NOTES);
        assertThat(created.name()).isEqualTo("Notes");
        assertThat(created.description()).isEqualTo("Take notes at work");
        assertThat(created.createdAt()).isEqualTo(START);
        assertThat(created.versions()).isEmpty();
        assertThat(created.groups()).isEmpty();
        assertThat(catalog.listApps()).extracting(AppView::packageId).containsExactly(CHAT, NOTES);
        assertThat(catalog.getApp(CHAT).description()).isEmpty();
        assertThat(catalog.getApp(NOTES)).isEqualTo(created);

        assertProblem(ProblemKind.CONFLICT, () -> catalog.createApp(NOTES, "Other notes", "", ADMIN));

        catalog.deleteApp(NOTES, ADMIN);
        assertProblem(ProblemKind.NOT_FOUND, () -> catalog.getApp(NOTES));
        assertProblem(ProblemKind.NOT_FOUND, () -> catalog.deleteApp(NOTES, ADMIN));
        assertThat(catalog.listApps()).extracting(AppView::packageId).containsExactly(CHAT);
        assertThat(auditActions()).containsExactly("catalog.app-create", "catalog.app-create", "catalog.app-delete");
    }

    @Test
    void listShowsVersionsNewestFirstAndAllowingGroups() {
        group("sales");
        group("field");
        app(NOTES);
        upload(NOTES, "1.0", "one");
        upload(NOTES, "1.1", "two");
        catalog.allow("sales", NOTES, true, ADMIN);
        catalog.allow("field", NOTES, false, ADMIN);

        AppView view = catalog.listApps().getFirst();
        assertThat(view.versions()).extracting(AppView.Version::version).containsExactly("1.1", "1.0");
        assertThat(view.versions().getFirst().size()).isEqualTo(3);
        assertThat(view.groups()).containsExactly(new AppView.Allowed("field", false), new AppView.Allowed("sales", true));
    }

    @Test
    void rejectsInvalidPackageIdsAndStoresNothing() {
        List<String> invalid = new ArrayList<>(List.of("notes", "", "Com.example.notes", "com.Example", "com..notes",
                ".com.notes", "com.notes.", "com.1notes", "com._notes", "com.exa-mple", "com.example notes", "com/example",
                "a.b.c.d.e.f.g.h.i", "com.example.\u00e9"));
        invalid.add("com." + "n".repeat(125)); // 129 characters
        for (String packageId : invalid) {
            ProblemException e = problem(() -> catalog.createApp(packageId, "Notes", "", ADMIN));
            assertThat(e.problem().status()).as(packageId).isEqualTo(400);
            assertThat(e.problem().errors()).as(packageId).extracting(f -> f.field()).containsExactly("packageId");
        }
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.createApp(null, "Notes", "", ADMIN));
        assertThat(count("catalog_apps")).isZero();
        assertThat(count("audit_log")).isZero();

        // The edges of what is allowed.
        catalog.createApp("a.b.c.d.e.f.g.h", "Eight segments", "", ADMIN);
        catalog.createApp("com." + "n".repeat(124), "128 characters", "", ADMIN);
        catalog.createApp("io.x_1.app_2", "Digits and underscores", "", ADMIN);
        assertThat(count("catalog_apps")).isEqualTo(3);
    }

    @Test
    void rejectsInvalidNamesAndDescriptions() {
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.createApp(NOTES, null, "", ADMIN));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.createApp(NOTES, "  ", "", ADMIN));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.createApp(NOTES, "n".repeat(101), "", ADMIN));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.createApp(NOTES, "Notes\n", "", ADMIN));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.createApp(NOTES, "Notes\u202e", "", ADMIN));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.createApp(NOTES, "Notes", "d".repeat(1001), ADMIN));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.createApp(NOTES, "Notes", "bell\u0007", ADMIN));
        assertThat(count("catalog_apps")).isZero();

        catalog.createApp(NOTES, "N".repeat(100), "Line one\nLine two\twith a tab, ünïcödé and emoji \uD83D\uDCDD", ADMIN);
        assertThat(catalog.getApp(NOTES).description()).endsWith("\uD83D\uDCDD");
        catalog.createApp(CHAT, "Chat", "d".repeat(1000), ADMIN);
    }

    // ---- versions -----------------------------------------------------------------------------

    @Test
    void uploadStoresPackagesOncePerDigest() throws Exception {
        app(NOTES);
        app(CHAT);
        byte[] package1 = bytes("the notes package");

        CatalogService.Upload first = catalog.uploadVersion(NOTES, "1.0.0", package1, ADMIN);
        assertThat(first).isEqualTo(new CatalogService.Upload(NOTES, "1.0.0", sha256(package1), package1.length));

        // The same bytes again, as another version and under another app: one blob.
        CatalogService.Upload again = catalog.uploadVersion(NOTES, "1.0.1", package1.clone(), ADMIN);
        CatalogService.Upload other = catalog.uploadVersion(CHAT, "2.0", package1.clone(), ADMIN);
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(other.sha256()).isEqualTo(first.sha256());
        assertThat(count("blobs")).isEqualTo(1);
        assertThat(count("catalog_app_versions")).isEqualTo(3);

        catalog.uploadVersion(NOTES, "1.1.0", bytes("different bytes"), ADMIN);
        assertThat(count("blobs")).isEqualTo(2);
        byte[] stored = jdbi.withHandle(h -> h.createQuery("SELECT data FROM blobs WHERE sha256 = ?").bind(0, first.sha256())
                .mapTo(byte[].class).one());
        assertThat(stored).isEqualTo(package1);
        assertThat(auditActions()).filteredOn(a -> a.equals("catalog.version-upload")).hasSize(4);
    }

    @Test
    void uploadKeepsEveryByteOfALargerPackage() throws Exception {
        app(NOTES);
        byte[] data = new byte[3 << 20];
        new java.util.Random(42).nextBytes(data);
        CatalogService.Upload upload = catalog.uploadVersion(NOTES, "1.0", data, ADMIN);
        assertThat(upload.size()).isEqualTo(data.length);
        byte[] stored = jdbi.withHandle(h -> h.createQuery("SELECT data FROM blobs WHERE sha256 = ?").bind(0, upload.sha256())
                .mapTo(byte[].class).one());
        assertThat(sha256(stored)).isEqualTo(sha256(data));
    }

    @Test
    void duplicateVersionIsAConflictAndChangesNothing() {
        app(NOTES);
        upload(NOTES, "1.0", "first");
        long audits = count("audit_log");

        assertProblem(ProblemKind.CONFLICT, () -> catalog.uploadVersion(NOTES, "1.0", bytes("second"), ADMIN));
        assertProblem(ProblemKind.CONFLICT, () -> catalog.uploadVersion(NOTES, "1.0", bytes("first"), ADMIN));
        assertThat(count("blobs")).isEqualTo(1);
        assertThat(count("catalog_app_versions")).isEqualTo(1);
        assertThat(count("audit_log")).isEqualTo(audits);
    }

    @Test
    void rejectsInvalidVersionsEmptyPackagesAndUnknownApps() {
        app(NOTES);
        for (String version : List.of("", "-1", ".1", "1 0", "1/0", "v\u00e9", "1".repeat(65), "1.0\n")) {
            assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.uploadVersion(NOTES, version, bytes("x"), ADMIN));
        }
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.uploadVersion(NOTES, null, bytes("x"), ADMIN));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.uploadVersion(NOTES, "1.0", new byte[0], ADMIN));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.uploadVersion(NOTES, "1.0", null, ADMIN));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.uploadVersion("notes", "1.0", bytes("x"), ADMIN));
        assertProblem(ProblemKind.NOT_FOUND, () -> catalog.uploadVersion(CHAT, "1.0", bytes("x"), ADMIN));
        assertThat(count("blobs")).isZero();
        assertThat(count("catalog_app_versions")).isZero();

        catalog.uploadVersion(NOTES, "1".repeat(64), bytes("x"), ADMIN);
        catalog.uploadVersion(NOTES, "2.0.0-rc.1+build_7", bytes("y"), ADMIN);
        assertThat(count("catalog_app_versions")).isEqualTo(2);
    }

    @Test
    void deletingAnAppDropsOnlyPackagesNothingElseUses() {
        app(NOTES);
        app(CHAT);
        upload(NOTES, "1.0", "shared");
        upload(NOTES, "1.1", "notes only");
        upload(CHAT, "1.0", "shared");
        assertThat(count("blobs")).isEqualTo(2);

        catalog.deleteApp(NOTES, ADMIN);
        assertThat(count("blobs")).isEqualTo(1);
        assertThat(count("catalog_app_versions")).isEqualTo(1);
        catalog.deleteApp(CHAT, ADMIN);
        assertThat(count("blobs")).isZero();
    }

    // ---- allow-lists --------------------------------------------------------------------------

    @Test
    void allowListAddsChangesAndRemovesApps() {
        group("sales");
        app(NOTES);
        app(CHAT);

        assertThat(catalog.allow("sales", NOTES, true, ADMIN)).isEqualTo(new GroupAppView("sales", NOTES, "App " + NOTES, true));
        catalog.allow("sales", CHAT, false, ADMIN);
        assertThat(catalog.groupApps("sales")).extracting(GroupAppView::packageId, GroupAppView::requiresApproval)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CHAT, false), org.assertj.core.groups.Tuple.tuple(NOTES, true));

        catalog.allow("sales", NOTES, false, ADMIN);
        catalog.allow("sales", NOTES, false, ADMIN); // no change, no audit
        assertThat(catalog.groupApps("sales")).allMatch(g -> !g.requiresApproval());

        catalog.disallow("sales", CHAT, ADMIN);
        assertThat(catalog.groupApps("sales")).extracting(GroupAppView::packageId).containsExactly(NOTES);
        assertProblem(ProblemKind.NOT_FOUND, () -> catalog.disallow("sales", CHAT, ADMIN));
        assertProblem(ProblemKind.NOT_FOUND, () -> catalog.allow("nobody", NOTES, true, ADMIN));
        assertProblem(ProblemKind.NOT_FOUND, () -> catalog.allow("sales", "com.example.missing", true, ADMIN));
        assertProblem(ProblemKind.NOT_FOUND, () -> catalog.groupApps("nobody"));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.allow("sales", "Notes", true, ADMIN));
        assertThat(auditActions()).containsExactly("catalog.app-create", "catalog.app-create", "catalog.allow", "catalog.allow",
                "catalog.allow", "catalog.disallow");
    }

    // ---- requests -----------------------------------------------------------------------------

    @Test
    void requestIsRefusedWhenTheGroupDoesNotAllowTheApp() {
        group("sales");
        group("field");
        user("ann", "sales");
        TestDevice phone = device("ann");
        app(NOTES);
        catalog.allow("field", NOTES, false, ADMIN);

        ProblemException e = problem(() -> ask(phone, NOTES));
        assertThat(e.problem().code()).isEqualTo(ProblemKind.FORBIDDEN.code());
        assertThat(e.problem().status()).isEqualTo(403);
        assertThat(count("app_requests")).isZero();
        assertProblem(ProblemKind.NOT_FOUND, () -> ask(phone, "com.example.missing"));
        assertThat(count("app_requests")).isZero();
    }

    @Test
    void requestIsApprovedAtOnceWhereNoApprovalIsNeededAndIsIdempotent() {
        group("sales");
        user("ann", "sales");
        TestDevice phone = device("ann");
        TestDevice tablet = device("ann");
        app(NOTES);
        upload(NOTES, "1.0", "notes");
        catalog.allow("sales", NOTES, false, ADMIN);

        CatalogService.RequestResult first = ask(phone, NOTES);
        assertThat(first.created()).isTrue();
        assertThat(first.request().status()).isEqualTo("approved");
        assertThat(first.request().user()).isEqualTo("ann");
        assertThat(first.request().group()).isEqualTo("sales");
        assertThat(first.request().decidedAt()).isEqualTo(clock.instant());

        CatalogService.RequestResult second = ask(tablet, NOTES);
        assertThat(second.created()).isFalse();
        assertThat(second.request().id()).isEqualTo(first.request().id());
        assertThat(count("app_requests")).isEqualTo(1);
        assertThat(assigned("ann")).extracting(AppAssignment::packageId).containsExactly(NOTES);
        assertThat(auditActions()).filteredOn(a -> a.startsWith("catalog.request")).containsExactly("catalog.request-create");
    }

    @Test
    void requestWaitsForApprovalWhereTheGroupRequiresIt() {
        group("sales");
        user("ann", "sales");
        user("bob", "sales");
        TestDevice annPhone = device("ann");
        TestDevice bobPhone = device("bob");
        app(NOTES);
        upload(NOTES, "1.0", "notes");
        catalog.allow("sales", NOTES, true, ADMIN);

        AppRequestView annRequest = ask(annPhone, NOTES).request();
        AppRequestView bobRequest = ask(bobPhone, NOTES).request();
        assertThat(annRequest.status()).isEqualTo("pending");
        assertThat(annRequest.decidedAt()).isNull();
        assertThat(ask(annPhone, NOTES)).isEqualTo(new CatalogService.RequestResult(annRequest, false));
        assertThat(assigned("ann")).isEmpty();
        assertThat(catalog.listRequests("pending", null, 100)).extracting(AppRequestView::id)
                .containsExactlyInAnyOrder(annRequest.id(), bobRequest.id());
        assertThat(catalog.listRequests(null, "bob", 100)).extracting(AppRequestView::id).containsExactly(bobRequest.id());

        clock.advance(Duration.ofMinutes(5));
        AppRequestView approved = catalog.approve(annRequest.id(), ADMIN);
        assertThat(approved.status()).isEqualTo("approved");
        assertThat(approved.decidedBy()).isEqualTo("admin:alice");
        assertThat(approved.decidedAt()).isEqualTo(clock.instant());
        assertThat(assigned("ann")).extracting(AppAssignment::packageId).containsExactly(NOTES);

        AppRequestView denied = catalog.deny(bobRequest.id(), ADMIN);
        assertThat(denied.status()).isEqualTo("denied");
        assertThat(assigned("bob")).isEmpty();

        // Only pending requests can be decided.
        assertProblem(ProblemKind.CONFLICT, () -> catalog.approve(annRequest.id(), ADMIN));
        assertProblem(ProblemKind.CONFLICT, () -> catalog.deny(annRequest.id(), ADMIN));
        assertProblem(ProblemKind.CONFLICT, () -> catalog.approve(bobRequest.id(), ADMIN));
        assertProblem(ProblemKind.NOT_FOUND, () -> catalog.approve(UUID.randomUUID(), ADMIN));
        assertThat(catalog.getRequest(bobRequest.id()).status()).isEqualTo("denied");

        // After a denial the user may ask again; that is a new request.
        AppRequestView again = ask(bobPhone, NOTES).request();
        assertThat(again.id()).isNotEqualTo(bobRequest.id());
        assertThat(again.status()).isEqualTo("pending");

        assertThat(catalog.listRequests("approved", null, 100)).extracting(AppRequestView::id).containsExactly(annRequest.id());
        assertThat(catalog.listRequests(null, null, 100)).hasSize(3);
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.listRequests("accepted", null, 100));
        assertThat(auditActions()).filteredOn(a -> a.startsWith("catalog.request")).containsExactly("catalog.request-create",
                "catalog.request-create", "catalog.request-approve", "catalog.request-deny", "catalog.request-create");
    }

    @Test
    void approvalNeedsTheGroupToStillAllowTheApp() {
        group("sales");
        user("ann", "sales");
        TestDevice phone = device("ann");
        app(NOTES);
        catalog.allow("sales", NOTES, true, ADMIN);
        AppRequestView pending = ask(phone, NOTES).request();
        catalog.disallow("sales", NOTES, ADMIN);

        assertProblem(ProblemKind.CONFLICT, () -> catalog.approve(pending.id(), ADMIN));
        assertThat(catalog.getRequest(pending.id()).status()).isEqualTo("pending");
        assertThat(catalog.deny(pending.id(), ADMIN).status()).isEqualTo("denied");
    }

    @Test
    void liftingTheNeedForApprovalApprovesWaitingRequests() {
        group("sales");
        group("field");
        user("ann", "sales");
        user("carl", "field");
        TestDevice annPhone = device("ann");
        TestDevice carlPhone = device("carl");
        app(NOTES);
        upload(NOTES, "1.0", "notes");
        catalog.allow("sales", NOTES, true, ADMIN);
        catalog.allow("field", NOTES, true, ADMIN);
        AppRequestView ann = ask(annPhone, NOTES).request();
        AppRequestView carl = ask(carlPhone, NOTES).request();

        catalog.allow("sales", NOTES, false, ADMIN);
        assertThat(catalog.getRequest(ann.id()).status()).isEqualTo("approved");
        assertThat(catalog.getRequest(ann.id()).decidedBy()).isEqualTo("admin:alice");
        assertThat(catalog.getRequest(carl.id()).status()).isEqualTo("pending");
        assertThat(assigned("ann")).hasSize(1);
    }

    @Test
    void usersAndAdminsCanRemoveRequests() {
        group("sales");
        user("ann", "sales");
        TestDevice phone = device("ann");
        app(NOTES);
        app(CHAT);
        upload(NOTES, "1.0", "notes");
        upload(CHAT, "1.0", "chat");
        catalog.allow("sales", NOTES, false, ADMIN);
        catalog.allow("sales", CHAT, false, ADMIN);
        AppRequestView notes = ask(phone, NOTES).request();
        AppRequestView chat = ask(phone, CHAT).request();
        assertThat(assigned("ann")).hasSize(2);

        // The user gives one back from the device.
        String token = sign(phone, DeviceRequest.Purpose.APP_REQUEST, Map.of("packageId", NOTES, "action", "remove"));
        CatalogService.RequestResult removed = catalog.deviceRequest(authenticator.verify(token, DeviceRequest.Purpose.APP_REQUEST), null);
        assertThat(removed.request().id()).isEqualTo(notes.id());
        assertThat(removed.request().status()).isEqualTo("removed");
        assertThat(removed.request().decidedBy()).isEqualTo("device:" + phone.id());
        String again = sign(phone, DeviceRequest.Purpose.APP_REQUEST, Map.of("packageId", NOTES, "action", "remove"));
        assertProblem(ProblemKind.NOT_FOUND, () -> catalog.deviceRequest(authenticator.verify(again, DeviceRequest.Purpose.APP_REQUEST), null));
        String bad = sign(phone, DeviceRequest.Purpose.APP_REQUEST, Map.of("packageId", NOTES, "action", "delete"));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.deviceRequest(authenticator.verify(bad, DeviceRequest.Purpose.APP_REQUEST), null));

        // The admin takes the other away.
        assertThat(catalog.remove(chat.id(), ADMIN).status()).isEqualTo("removed");
        assertProblem(ProblemKind.CONFLICT, () -> catalog.remove(chat.id(), ADMIN));
        assertThat(assigned("ann")).isEmpty();

        // Asking again makes a new request.
        assertThat(ask(phone, NOTES).created()).isTrue();
        assertThat(assigned("ann")).extracting(AppAssignment::packageId).containsExactly(NOTES);
        assertThat(auditActions()).filteredOn(a -> a.equals("catalog.request-remove")).hasSize(2);
    }

    @Test
    void disabledAndRetiredDevicesCannotAskForApps() {
        group("sales");
        user("ann", "sales");
        app(NOTES);
        catalog.allow("sales", NOTES, false, ADMIN);
        assertProblem(ProblemKind.CONFLICT, () -> ask(device("ann", "disabled"), NOTES));
        assertProblem(ProblemKind.CONFLICT, () -> ask(device("ann", "retired"), NOTES));
        assertThat(count("app_requests")).isZero();
        assertThat(ask(device("ann", "enrolled"), NOTES).request().status()).isEqualTo("approved");
    }

    // ---- assignments --------------------------------------------------------------------------

    @Test
    void assignedAppsAreApprovedStillAllowedAppsAtTheirNewestVersion() throws Exception {
        group("sales");
        user("ann", "sales");
        TestDevice phone = device("ann");
        app(NOTES);
        app(CHAT);
        app("com.example.empty");
        upload(NOTES, "1.0", "notes one");
        upload(NOTES, "1.1", "notes two");
        upload(CHAT, "9.0", "chat");
        catalog.allow("sales", NOTES, false, ADMIN);
        catalog.allow("sales", CHAT, true, ADMIN);
        catalog.allow("sales", "com.example.empty", false, ADMIN);
        ask(phone, NOTES);
        ask(phone, CHAT); // pending
        ask(phone, "com.example.empty"); // approved, but there is nothing to install

        assertThat(assigned("ann")).containsExactly(new AppAssignment(NOTES, "App " + NOTES, "1.1", sha256(bytes("notes two")), 9));

        // A newer upload takes over, whatever its version string.
        upload(NOTES, "0.9-hotfix", "notes three");
        assertThat(assigned("ann")).extracting(AppAssignment::version).containsExactly("0.9-hotfix");

        // Two uploads at one instant still give one assignment.
        catalog.uploadVersion(NOTES, "2.0", bytes("a"), ADMIN);
        catalog.uploadVersion(NOTES, "2.1", bytes("b"), ADMIN);
        assertThat(assigned("ann")).hasSize(1);

        // Taken off the allow-list: gone; allowed again: back, without asking again.
        catalog.disallow("sales", NOTES, ADMIN);
        assertThat(assigned("ann")).isEmpty();
        catalog.allow("sales", NOTES, true, ADMIN);
        assertThat(assigned("ann")).extracting(AppAssignment::packageId).containsExactly(NOTES);

        // A user moved to a group that does not allow the app loses it.
        group("field");
        users.update("ann", new org.workcell.server.internal.user.UserService.Update(null, null, "field"), ADMIN);
        assertThat(assigned("ann")).isEmpty();
    }

    // ---- concurrency --------------------------------------------------------------------------

    @Test
    void concurrentCallsTakeTurns() throws Exception {
        group("sales");
        user("ann", "sales");
        List<TestDevice> devices = List.of(device("ann"), device("ann"), device("ann"), device("ann"));
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            // The same new app created at once: one wins, the others hear it exists.
            List<java.util.concurrent.Future<?>> creates = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                creates.add(pool.submit(() -> catalog.createApp(NOTES, "Notes", "", ADMIN)));
            }
            int conflicts = 0;
            for (var f : creates) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ProblemException.class);
                    assertThat(((ProblemException) e.getCause()).problem().status()).isEqualTo(409);
                    conflicts++;
                }
            }
            assertThat(conflicts).isEqualTo(threads - 1);

            // The same bytes uploaded as many versions at once: stored once.
            List<java.util.concurrent.Future<CatalogService.Upload>> uploads = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String version = "1." + i;
                uploads.add(pool.submit(() -> catalog.uploadVersion(NOTES, version, bytes("same bytes"), ADMIN)));
            }
            for (var f : uploads) {
                assertThat(f.get().sha256()).isEqualTo(sha256(bytes("same bytes")));
            }
            assertThat(count("blobs")).isEqualTo(1);
            assertThat(count("catalog_app_versions")).isEqualTo(threads);

            // All of a user's devices asking at once make one request.
            catalog.allow("sales", NOTES, true, ADMIN);
            List<java.util.concurrent.Future<CatalogService.RequestResult>> asks = new ArrayList<>();
            for (TestDevice d : devices) {
                asks.add(pool.submit(() -> ask(d, NOTES)));
            }
            java.util.Set<UUID> ids = new java.util.HashSet<>();
            for (var f : asks) {
                ids.add(f.get().request().id());
            }
            assertThat(ids).hasSize(1);
            assertThat(count("app_requests")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- signed device requests ---------------------------------------------------------------

    @Test
    void replayedDeviceRequestsAreRefused() {
        group("sales");
        user("ann", "sales");
        TestDevice phone = device("ann");
        app(NOTES);
        catalog.allow("sales", NOTES, true, ADMIN);

        String token = sign(phone, DeviceRequest.Purpose.APP_REQUEST, Map.of("packageId", NOTES), 7);
        DeviceRequest request = authenticator.verify(token, DeviceRequest.Purpose.APP_REQUEST);
        catalog.deviceRequest(request, null);
        assertThat(lastSequence(phone)).isEqualTo(7);

        assertProblem(ProblemKind.REPLAYED, () -> catalog.deviceRequest(authenticator.verify(token, DeviceRequest.Purpose.APP_REQUEST), null));
        String older = sign(phone, DeviceRequest.Purpose.APP_REQUEST, Map.of("packageId", NOTES), 6);
        assertProblem(ProblemKind.REPLAYED, () -> catalog.deviceRequest(authenticator.verify(older, DeviceRequest.Purpose.APP_REQUEST), null));
        String list = sign(phone, DeviceRequest.Purpose.APP_DOWNLOAD, null, 7);
        assertProblem(ProblemKind.REPLAYED, () -> catalog.deviceApps(authenticator.verify(list, DeviceRequest.Purpose.APP_DOWNLOAD)));
        assertThat(count("app_requests")).isEqualTo(1);

        // A request signed for another purpose is refused before it is used.
        String download = sign(phone, DeviceRequest.Purpose.APP_DOWNLOAD, Map.of("packageId", NOTES), 8);
        assertProblem(ProblemKind.BAD_SIGNATURE, () -> authenticator.verify(download, DeviceRequest.Purpose.APP_REQUEST));
        assertProblem(ProblemKind.BAD_SIGNATURE, () -> catalog.deviceRequest(authenticator.verify(download, DeviceRequest.Purpose.APP_DOWNLOAD), null));
        // Signed by another key than the device's.
        TestDevice other = device("ann");
        String forged = org.workcell.core.jws.CompactJws.signJson(org.workcell.core.protocol.TokenTypes.DEVICE_REQUEST,
                phone.id().toString(), new DeviceRequest(phone.id().toString(), 9, clock.instant(), DeviceRequest.Purpose.APP_REQUEST,
                        org.workcell.core.json.Json.MAPPER.valueToTree(Map.of("packageId", NOTES))), other.keys().getPrivate());
        assertProblem(ProblemKind.BAD_SIGNATURE, () -> authenticator.verify(forged, DeviceRequest.Purpose.APP_REQUEST));
    }

    @Test
    void signedBodiesAreReadStrictly() {
        group("sales");
        user("ann", "sales");
        TestDevice phone = device("ann");
        app(NOTES);
        catalog.allow("sales", NOTES, false, ADMIN);
        for (Object body : List.of(Map.of(), Map.of("packageId", "Notes"), Map.of("packageId", NOTES, "extra", 1), List.of(NOTES),
                "com.example.notes")) {
            String token = sign(phone, DeviceRequest.Purpose.APP_REQUEST, body);
            ProblemException e = problem(() -> catalog.deviceRequest(authenticator.verify(token, DeviceRequest.Purpose.APP_REQUEST), null));
            assertThat(e.problem().status()).as(String.valueOf(body)).isEqualTo(400);
        }
        String none = sign(phone, DeviceRequest.Purpose.APP_REQUEST, null);
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.deviceRequest(authenticator.verify(none, DeviceRequest.Purpose.APP_REQUEST), null));
        assertThat(count("app_requests")).isZero();
    }

    @Test
    void devicesDownloadOnlyAssignedPackages() throws Exception {
        group("sales");
        user("ann", "sales");
        user("bob", "sales");
        TestDevice annPhone = device("ann");
        TestDevice bobPhone = device("bob");
        app(NOTES);
        app(CHAT);
        upload(NOTES, "1.0", "old notes");
        upload(NOTES, "1.1+build.2", "new notes");
        upload(CHAT, "1.0", "chat");
        catalog.allow("sales", NOTES, false, ADMIN);
        catalog.allow("sales", CHAT, true, ADMIN);
        ask(annPhone, NOTES);
        ask(annPhone, CHAT); // pending: not assigned

        List<AppAssignment> apps = catalog.deviceApps(authenticator.verify(sign(annPhone, DeviceRequest.Purpose.APP_DOWNLOAD, null),
                DeviceRequest.Purpose.APP_DOWNLOAD));
        assertThat(apps).extracting(AppAssignment::packageId, AppAssignment::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NOTES, "1.1+build.2"));

        CatalogService.Download download = download(annPhone, NOTES, "1.1+build.2");
        assertThat(download.data()).isEqualTo(bytes("new notes"));
        assertThat(download.sha256()).isEqualTo(sha256(bytes("new notes"))).isEqualTo(apps.getFirst().sha256());
        assertThat(download.size()).isEqualTo(9);
        // An older version of an assigned app may still be fetched; a missing one is not found.
        assertThat(download(annPhone, NOTES, "1.0").data()).isEqualTo(bytes("old notes"));
        assertProblem(ProblemKind.NOT_FOUND, () -> download(annPhone, NOTES, "3.0"));

        assertProblem(ProblemKind.FORBIDDEN, () -> download(annPhone, CHAT, "1.0"));
        assertProblem(ProblemKind.FORBIDDEN, () -> download(bobPhone, NOTES, "1.1+build.2"));
        assertProblem(ProblemKind.FORBIDDEN, () -> download(bobPhone, "com.example.missing", "1.0"));

        // The signed body must name the package in the path.
        String forOld = sign(annPhone, DeviceRequest.Purpose.APP_DOWNLOAD, Map.of("packageId", NOTES, "version", "1.0"));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.download(authenticator.verify(forOld, DeviceRequest.Purpose.APP_DOWNLOAD),
                NOTES, "1.1+build.2"));
        // A listing request cannot fetch a package, and a download cannot list.
        String listing = sign(annPhone, DeviceRequest.Purpose.APP_DOWNLOAD, null);
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.download(authenticator.verify(listing, DeviceRequest.Purpose.APP_DOWNLOAD),
                NOTES, "1.0"));
        String fetch = sign(annPhone, DeviceRequest.Purpose.APP_DOWNLOAD, Map.of("packageId", NOTES, "version", "1.0"));
        assertProblem(ProblemKind.INVALID_REQUEST, () -> catalog.deviceApps(authenticator.verify(fetch, DeviceRequest.Purpose.APP_DOWNLOAD)));

        // Replay.
        String token = sign(annPhone, DeviceRequest.Purpose.APP_DOWNLOAD, Map.of("packageId", NOTES, "version", "1.0"));
        catalog.download(authenticator.verify(token, DeviceRequest.Purpose.APP_DOWNLOAD), NOTES, "1.0");
        assertProblem(ProblemKind.REPLAYED, () -> catalog.download(authenticator.verify(token, DeviceRequest.Purpose.APP_DOWNLOAD), NOTES, "1.0"));

        // A retired device gets nothing.
        jdbi.useHandle(h -> h.execute("UPDATE devices SET state = 'retired' WHERE id = ?", annPhone.id()));
        assertProblem(ProblemKind.CONFLICT, () -> download(annPhone, NOTES, "1.0"));
    }

    private CatalogService.Download download(TestDevice device, String packageId, String version) {
        String token = sign(device, DeviceRequest.Purpose.APP_DOWNLOAD, Map.of("packageId", packageId, "version", version));
        return catalog.download(authenticator.verify(token, DeviceRequest.Purpose.APP_DOWNLOAD), packageId, version);
    }

    private List<AppAssignment> assigned(String user) {
        return jdbi.withHandle(h -> catalog.assignedApps(h, users.requireId(h, user)));
    }
}
