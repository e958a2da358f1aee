package dev.turnstile.functions.checkin;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.checkin.CheckInEvent;
import dev.turnstile.functions.api.ApiTestSupport;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scan path through the check-in function, on real PostgreSQL and dynalite. */
class CheckInApiTest extends ApiTestSupport {

    final Principal owner = TestTokens.newUser("Owen");
    final Principal staff = TestTokens.newUser("Stella");
    final Principal ann = TestTokens.newUser("Ann");
    final List<CheckInEvent> published = Collections.synchronizedList(new ArrayList<>());
    String orgId;
    String eventId;
    String typeId;

    @BeforeEach
    void anEventStartingSoonWithAStaffMember() {
        clock.reset();
        orgId = createOrg(owner);
        addMember(orgId, staff, "staff");
        String[] event = publishedEventStartingIn(Duration.ofHours(2), 0, 100);
        eventId = event[0];
        typeId = event[1];
        door.events().subscribe(published::add);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void givenAnIssuedTicket_whenScanned_thenAdmitted_andASecondScanSaysWhoWhenAndWhere() {
        JsonNode ticket = register(ann, "Ann Attendee");

        Response first = scan(staff, ticket.get("qrCode").asText(), "scan-1", "North");
        Response second = scan(staff, ticket.get("qrCode").asText(), "scan-2", "South");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("reason").asText()).isEqualTo("checked_in");
        assertThat(first.body().get("attendeeName").asText()).isEqualTo("Ann Attendee");
        assertThat(first.body().get("ticketTypeName").asText()).isEqualTo("General");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(second.code()).isEqualTo("already_checked_in");
        assertThat(second.body().get("checkIn").get("by").asText()).isEqualTo("Stella");
        assertThat(second.body().get("checkIn").get("gate").asText()).isEqualTo("North");
        assertThat(second.body().get("checkIn").get("scanId").asText()).isEqualTo("scan-1");
        assertThat(second.body().get("detail").asText()).contains("by Stella").contains("at gate North");
        assertThat(published).filteredOn(e -> e.ticketId().toString().equals(ticket.get("id").asText()))
                .extracting(CheckInEvent::kind, CheckInEvent::scanId, CheckInEvent::gate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CheckInEvent.Kind.CHECKED_IN, "scan-1", "North"));
    }

    @Test
    void givenSnapStartPriming_thenTheScanPathsLocalWorkRuns_andItsRequestIsRefusedBeforeAnyData() {
        assertThat(new CheckInFunction(services).prime()).isEqualTo(401);
    }

    @Test
    void givenARetriedScanId_thenTheSameAnswerComesBack_notAConflict() {
        JsonNode ticket = register(ann, "Ann");

        Response first = scan(staff, ticket.get("qrCode").asText(), "scan-retry", "A");
        Response retry = scan(staff, ticket.get("qrCode").asText(), "scan-retry", "A");

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().get("replay").asBoolean()).isTrue();
        assertThat(retry.body().get("checkIn").get("at").asText()).isEqualTo(first.body().get("checkIn").get("at").asText());
    }

    @Test
    void givenTwentyScannersAtOnce_thenExactlyOneAdmits() throws Exception {
        String code = register(ann, "Ann").get("qrCode").asText();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String scanId = "race-" + i;
            answers.add(pool.submit(() -> {
                gate.await();
                return scan(staff, code, scanId, "G").status();
            }));
        }
        gate.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
    }

    @Test
    void givenAlteredForgedMalformedOrForeignCodes_thenEachGetsItsOwnAnswer_andNothingIsAdmitted() {
        String code = register(ann, "Ann").get("qrCode").asText();
        // another character at the end (the signature's last bytes) still decodes, but does not verify
        char last = code.charAt(code.length() - 1);
        String altered = code.substring(0, code.length() - 1) + (last == '0' ? '1' : '0');
        String[] otherEvent = publishedEventStartingIn(Duration.ofHours(2), 0, 10);
        String foreign = register(ann, "Ann", otherEvent).get("qrCode").asText();

        assertThat(scan(staff, altered, "s1", "G").code()).isEqualTo("invalid_signature");
        assertThat(scan(staff, "not a ticket", "s2", "G").status()).isEqualTo(400);
        assertThat(scan(staff, "not a ticket", "s2", "G").code()).isEqualTo("malformed_code");
        assertThat(scan(staff, foreign, "s3", "G").status()).isEqualTo(403);
        assertThat(scan(staff, foreign, "s3", "G").code()).isEqualTo("wrong_event");
        // the genuine code is still unused
        assertThat(scan(staff, code, "s4", "G").status()).isEqualTo(200);
    }

    @Test
    void givenBadRequests_thenProblemsAndNothingRecorded() {
        String code = register(ann, "Ann").get("qrCode").asText();

        Response noScanId = call(as(staff, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"code\": \"" + code + "\"}"));
        Response huge = call(as(staff, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"code\": \"" + "A".repeat(5000) + "\", \"scanId\": \"x\"}"));
        Response unknownField = call(as(staff, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"code\": \"" + code + "\", \"scanId\": \"x\", \"admitAnyway\": true}"));
        Response unknownSession = call(as(staff, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"code\": \"" + code + "\", \"scanId\": \"x\", \"sessionId\": \"" + UUID.randomUUID() + "\"}"));

        assertThat(noScanId.status()).isEqualTo(422);
        assertThat(huge.status()).isEqualTo(422);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownSession.status()).isEqualTo(404);
        assertThat(unknownSession.code()).isEqualTo("unknown_session");
        assertThat(scan(staff, code, "after", "G").status()).isEqualTo(200);
    }

    @Test
    void givenRoles_thenStaffScans_attendeesAreForbidden_andOutsidersSeeNothing() {
        String code = register(ann, "Ann").get("qrCode").asText();
        Principal member = TestTokens.newUser("Member");
        addMember(orgId, member, "attendee");

        assertThat(scan(member, code, "m1", "G").status()).isEqualTo(403);
        assertThat(scan(TestTokens.newUser("Mallory"), code, "m2", "G").status()).isEqualTo(404);
        assertThat(scan(owner, code, "m3", "G").status()).isEqualTo(200);
    }

    @Test
    void givenACancelledRegistration_thenItsTicketIsGone_evenAfterItWasScannedOnce() {
        JsonNode registration = registration(ann, "Ann", new String[] {eventId, typeId});
        String code = registration.get("tickets").get(0).get("qrCode").asText();
        assertThat(scan(staff, code, "before", "G").status()).isEqualTo(200);

        Response cancelled = call(as(owner, CANCEL_REGISTRATION).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registration.get("id").asText()));

        assertThat(cancelled.status()).isEqualTo(200);
        Response after = scan(staff, code, "after", "G");
        assertThat(after.status()).isEqualTo(410);
        assertThat(after.code()).isEqualTo("ticket_cancelled");
    }

    @Test
    void givenAReissuedTicket_thenTheOldCodeIsSuperseded_andTheNewOneAdmits() {
        JsonNode registration = registration(ann, "Ann", new String[] {eventId, typeId});
        JsonNode ticket = registration.get("tickets").get(0);
        // the confirmed registration's refresh put the ticket in the hot table: the reissue's refresh must update it
        JsonNode reissued = call(as(owner, REISSUE_TICKET).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registration.get("id").asText()).path("ticketId", ticket.get("id").asText())).body();

        Response old = scan(staff, ticket.get("qrCode").asText(), "old", "G");
        Response fresh = scan(staff, reissued.get("tickets").get(0).get("qrCode").asText(), "new", "G");

        assertThat(old.status()).isEqualTo(410);
        assertThat(old.code()).isEqualTo("code_superseded");
        assertThat(fresh.status()).isEqualTo(200);
    }

    @Test
    void givenAPendingPaidRegistration_thenAManualCheckInSaysPaymentPending() {
        String[] paid = publishedEventStartingIn(Duration.ofHours(2), 2500, 10);
        JsonNode pending = register(ann, "Ann", paid);

        Response r = call(as(staff, CHECK_IN).path("orgId", orgId).path("eventId", paid[0])
                .json("{\"ticketId\": \"" + pending.get("id").asText() + "\", \"scanId\": \"manual-1\"}"));

        assertThat(r.status()).isEqualTo(402);
        assertThat(r.code()).isEqualTo("payment_pending");
    }

    @Test
    void givenTheCheckInWindow_thenTooEarlyAndTooLateAreRefused() {
        String[] farAway = publishedEventStartingIn(Duration.ofDays(10), 0, 10);
        String early = register(ann, "Ann", farAway).get("qrCode").asText();
        String code = register(ann, "Ann").get("qrCode").asText();

        Response tooEarly = call(as(staff, CHECK_IN).path("orgId", orgId).path("eventId", farAway[0])
                .json("{\"code\": \"" + early + "\", \"scanId\": \"e1\"}"));
        clock.advance(Duration.ofDays(5)); // the soon event (2 days long) ended more than a day ago
        Response tooLate = scan(staff, code, "l1", "G");

        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.code()).isEqualTo("not_yet_valid");
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.code()).isEqualTo("no_longer_valid");
    }

    @Test
    void givenASessionWithCapacityOne_thenTheSecondAttendeeIsTurnedAway_andTheFirstCannotEnterTwice() {
        Response session = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "Small room", "startsAt": "%s", "endsAt": "%s", "capacity": 1}"""
                .formatted(Instant.now().plus(Duration.ofHours(3)), Instant.now().plus(Duration.ofHours(4)))));
        String sessionId = session.body().get("id").asText();
        String first = register(ann, "Ann").get("qrCode").asText();
        String second = register(TestTokens.newUser("Bob"), "Bob").get("qrCode").asText();

        Response in = sessionScan(first, sessionId, "s-1");
        Response again = sessionScan(first, sessionId, "s-2");
        Response full = sessionScan(second, sessionId, "s-3");

        assertThat(in.status()).isEqualTo(200);
        assertThat(in.body().get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(again.code()).isEqualTo("already_checked_in");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("session_full");
        // the event-level check-in is separate from the session's
        assertThat(scan(staff, first, "event-1", "G").status()).isEqualTo(200);
    }

    @Test
    void givenAMistake_thenASupervisorUndoesIt_staffCannot_andTheTicketAdmitsAgain() {
        JsonNode ticket = register(ann, "Ann");
        String code = ticket.get("qrCode").asText();
        scan(staff, code, "oops", "G");

        Response byStaff = call(as(staff, UNDO_CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"ticketId\": \"" + ticket.get("id").asText() + "\"}"));
        Response byOwner = call(as(owner, UNDO_CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"ticketId\": \"" + ticket.get("id").asText() + "\"}"));
        Response twice = call(as(owner, UNDO_CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"ticketId\": \"" + ticket.get("id").asText() + "\"}"));

        assertThat(byStaff.status()).isEqualTo(403);
        assertThat(byOwner.status()).isEqualTo(200);
        assertThat(byOwner.body().get("checkIn").get("scanId").asText()).isEqualTo("oops");
        assertThat(twice.status()).isEqualTo(404);
        assertThat(scan(staff, code, "right", "G").status()).isEqualTo(200);
        assertThat(published).filteredOn(e -> e.scanId().equals("oops")).extracting(CheckInEvent::kind)
                .containsExactly(CheckInEvent.Kind.CHECKED_IN, CheckInEvent.Kind.UNDONE);
    }

    @Test
    void givenAnAttendeeWithoutTheirCode_thenStaffFindThemByNameEmailOrConfirmationNumber_andCheckThemInByHand() {
        JsonNode registration = registration(ann, "Annabel Lee", new String[] {eventId, typeId});
        String ticketId = registration.get("tickets").get(0).get("id").asText();

        JsonNode byName = call(as(staff, FIND_ATTENDEES).path("orgId", orgId).path("eventId", eventId)
                .query("q", "annabel")).body();
        JsonNode byNumber = call(as(staff, FIND_ATTENDEES).path("orgId", orgId).path("eventId", eventId)
                .query("q", registration.get("confirmationNumber").asText())).body();
        Response manual = call(as(staff, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"ticketId\": \"" + ticketId + "\", \"scanId\": \"desk-1\", \"gate\": \"Desk\"}"));
        JsonNode afterwards = call(as(staff, FIND_ATTENDEES).path("orgId", orgId).path("eventId", eventId)
                .query("q", "annabel")).body();
        Response tooShort = call(as(staff, FIND_ATTENDEES).path("orgId", orgId).path("eventId", eventId).query("q", "a"));

        assertThat(byName.get("items").findValuesAsText("ticketId")).containsExactly(ticketId);
        assertThat(byNumber.get("items").findValuesAsText("ticketId")).containsExactly(ticketId);
        assertThat(manual.status()).isEqualTo(200);
        assertThat(afterwards.get("items").get(0).get("checkIn").get("gate").asText()).isEqualTo("Desk");
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(published).filteredOn(e -> e.scanId().equals("desk-1")).extracting(e -> e.method().name())
                .containsExactly("MANUAL");
    }

    @Test
    void givenAMemberOfAnotherOrganization_whenCallingEveryCheckInRouteWithOurIds_thenNotFound_andNothingChanges() {
        JsonNode ticket = register(ann, "Ann");
        Principal bob = TestTokens.newUser("Bob");
        String orgB = createOrg(bob);
        List<Response> answers = new ArrayList<>();
        for (var route : dev.turnstile.catalogue.FunctionCatalogue.CHECK_IN.routes()) {
            for (String org : List.of(orgId, orgB)) {
                var call = as(bob, route).path("orgId", org).path("eventId", eventId);
                if (route.equals(dev.turnstile.catalogue.ApiRoutes.SYNC_CHECK_INS)) {
                    call.json("{\"device\": \"bob\", \"scans\": [{\"ticketId\": \"" + ticket.get("id").asText()
                            + "\", \"scanId\": \"bob-sync-" + org + "\", \"scannedAt\": \"" + Instant.now() + "\"}]}");
                } else if (route.equals(dev.turnstile.catalogue.ApiRoutes.UNDO_CHECK_IN)) {
                    call.json("{\"ticketId\": \"" + ticket.get("id").asText() + "\"}");
                } else if (route.method().equals("POST")) {
                    call.json("{\"ticketId\": \"" + ticket.get("id").asText() + "\", \"scanId\": \"bob-" + org + "\"}");
                } else {
                    call.query("q", "Ann");
                }
                answers.add(call(call));
            }
        }

        assertThat(answers).extracting(Response::status).containsOnly(404);
        assertThat(scan(staff, ticket.get("qrCode").asText(), "after-bob", "G").status()).isEqualTo(200);
    }

    @Test
    void everyFunctionOfThisModuleHasTheConstructorsBothHostsUse() throws Exception {
        for (var spec : dev.turnstile.catalogue.FunctionCatalogue.all()) {
            if (!spec.module().equals("functions/checkin")) {
                continue;
            }
            Class<?> handler = Class.forName(spec.handler());
            assertThat(handler.getConstructor()).isNotNull();
            assertThat(handler.getConstructor(dev.turnstile.wiring.Services.class)).isNotNull();
        }
    }

    // ---- fixtures ----

    private String[] publishedEventStartingIn(Duration in, long priceMinor, int capacity) {
        String event = createEvent(owner, orgId, uniqueSlug("door"), Instant.now().plus(in));
        String type = createTicketType(owner, orgId, event, "General", priceMinor, capacity);
        Response published = call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", event));
        assertThat(published.status()).isEqualTo(200);
        return new String[] {event, type};
    }

    private JsonNode register(Principal who, String name) {
        return register(who, name, new String[] {eventId, typeId});
    }

    /** The first ticket of a new registration. */
    private JsonNode register(Principal who, String name, String[] event) {
        return registration(who, name, event).get("tickets").get(0);
    }

    private JsonNode registration(Principal who, String name, String[] event) {
        Response r = call(as(who, REGISTER).path("eventId", event[0]).json(oneTicket(event[1], name)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    private Response scan(Principal who, String code, String scanId, String gate) {
        return call(as(who, CHECK_IN).path("orgId", orgId).path("eventId", eventId).json("""
                {"code": "%s", "scanId": "%s", "gate": "%s", "device": "test-scanner"}""".formatted(code, scanId, gate)));
    }

    private Response sessionScan(String code, String sessionId, String scanId) {
        return call(as(staff, CHECK_IN).path("orgId", orgId).path("eventId", eventId).json("""
                {"code": "%s", "scanId": "%s", "sessionId": "%s"}""".formatted(code, scanId, sessionId)));
    }
}
