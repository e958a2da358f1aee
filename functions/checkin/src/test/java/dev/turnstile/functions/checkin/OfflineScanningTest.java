package dev.turnstile.functions.checkin;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.checkin.CheckInEvent;
import dev.turnstile.functions.api.ApiTestSupport;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.ticketcode.TicketCode;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Offline scanning through the check-in function, on real PostgreSQL and dynalite: the kit a
 * device takes along, and the sync of the scans it made without a network (docs/check-in.md,
 * "Offline scanning").
 */
class OfflineScanningTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Principal owner = TestTokens.newUser("Owen");
    final Principal staffA = TestTokens.newUser("Alice");
    final Principal staffB = TestTokens.newUser("Bert");
    final List<CheckInEvent> published = Collections.synchronizedList(new ArrayList<>());
    String orgId;
    String eventId;
    String typeId;
    Instant now;

    @BeforeEach
    void anEventStartingInTwoHours_withTwoDoorStaff() {
        clock.reset();
        orgId = createOrg(owner);
        addMember(orgId, staffA, "staff");
        addMember(orgId, staffB, "staff");
        String[] event = publishedEventStartingIn(Duration.ofHours(2));
        eventId = event[0];
        typeId = event[1];
        door.events().subscribe(published::add);
        now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- two devices, one ticket ----

    @Test
    void givenTwoDevicesScannedOneTicketOffline_whenTheLaterSyncsFirst_thenTheEarlierScanTakesItsPlace_andBothAreTold() {
        JsonNode ticket = register("Ann Attendee");
        String code = ticket.get("qrCode").asText();

        JsonNode later = sync(staffB, "ipad-south", scan("south-1", code, now.minusSeconds(60), "South")).body();
        JsonNode earlier = sync(staffA, "ipad-north", scan("north-1", code, now.minusSeconds(300), "North")).body();
        JsonNode laterAgain = sync(staffB, "ipad-south", scan("south-1", code, now.minusSeconds(60), "South")).body();

        assertThat(result(later, 0).get("outcome").asText()).isEqualTo("accepted");
        JsonNode north = result(earlier, 0);
        assertThat(north.get("outcome").asText()).isEqualTo("accepted");
        assertThat(north.get("reason").asText()).isEqualTo("checked_in");
        assertThat(north.get("attendeeName").asText()).isEqualTo("Ann Attendee");
        assertThat(north.get("displaced").get("scanId").asText()).isEqualTo("south-1");
        assertThat(north.get("displaced").get("device").asText()).isEqualTo("ipad-south");
        JsonNode south = result(laterAgain, 0);
        assertThat(south.get("outcome").asText()).isEqualTo("conflict");
        assertThat(south.get("reason").asText()).isEqualTo("already_checked_in");
        assertThat(south.get("checkIn").get("scanId").asText()).isEqualTo("north-1");
        assertThat(south.get("checkIn").get("at").asText()).isEqualTo(now.minusSeconds(300).toString());
        assertThat(south.get("checkIn").get("by").asText()).isEqualTo("Alice");
        assertOneAdmission(ticket.get("id").asText(), "north-1", now.minusSeconds(300));
    }

    @Test
    void givenTwoDevicesScannedOneTicketOffline_whenTheEarlierSyncsFirst_thenItStays_andTheLaterIsAConflict() {
        JsonNode ticket = register("Ann Attendee");
        String code = ticket.get("qrCode").asText();

        JsonNode earlier = sync(staffA, "ipad-north", scan("north-1", code, now.minusSeconds(300), "North")).body();
        JsonNode later = sync(staffB, "ipad-south", scan("south-1", code, now.minusSeconds(60), "South")).body();

        assertThat(result(earlier, 0).get("outcome").asText()).isEqualTo("accepted");
        assertThat(result(earlier, 0).has("displaced")).isFalse();
        assertThat(result(later, 0).get("outcome").asText()).isEqualTo("conflict");
        assertThat(result(later, 0).get("checkIn").get("scanId").asText()).isEqualTo("north-1");
        assertThat(result(later, 0).get("checkIn").get("gate").asText()).isEqualTo("North");
        assertOneAdmission(ticket.get("id").asText(), "north-1", now.minusSeconds(300));
    }

    @Test
    void givenTwoOfflineScansOfTheSameMillisecond_thenTheSmallerScanIdWins_inEitherOrder() {
        Instant at = now.minusSeconds(120);
        for (boolean aFirst : List.of(true, false)) {
            JsonNode ticket = register("Tie " + aFirst);
            String code = ticket.get("qrCode").asText();
            String a = "tie-a-" + aFirst;
            String b = "tie-b-" + aFirst;

            if (aFirst) {
                sync(staffA, "dev-a", scan(a, code, at, "A"));
                sync(staffB, "dev-b", scan(b, code, at, "B"));
            } else {
                sync(staffB, "dev-b", scan(b, code, at, "B"));
                sync(staffA, "dev-a", scan(a, code, at, "A"));
            }
            JsonNode toA = result(sync(staffA, "dev-a", scan(a, code, at, "A")).body(), 0);
            JsonNode toB = result(sync(staffB, "dev-b", scan(b, code, at, "B")).body(), 0);

            assertThat(toA.get("outcome").asText()).as("a first: %s", aFirst).isEqualTo("accepted");
            assertThat(toB.get("outcome").asText()).as("a first: %s", aFirst).isEqualTo("conflict");
            assertThat(toB.get("checkIn").get("scanId").asText()).isEqualTo(a);
            assertOneAdmission(ticket.get("id").asText(), a, at);
        }
    }

    @Test
    void givenAnOnlineAdmission_whenAnOfflineScanMadeBeforeItSyncs_thenTheOfflineScanIsTheRecord() {
        JsonNode ticket = register("Ann");
        String code = ticket.get("qrCode").asText();
        Response online = call(as(staffB, CHECK_IN).path("orgId", orgId).path("eventId", eventId).json("""
                {"code": "%s", "scanId": "online-1", "gate": "Main"}""".formatted(code)));

        JsonNode offline = result(sync(staffA, "ipad-north", scan("north-1", code, now.minusSeconds(600), "North")).body(), 0);
        Response onlineAgain = call(as(staffB, CHECK_IN).path("orgId", orgId).path("eventId", eventId).json("""
                {"code": "%s", "scanId": "online-2", "gate": "Main"}""".formatted(code)));

        assertThat(online.status()).isEqualTo(200);
        assertThat(offline.get("outcome").asText()).isEqualTo("accepted");
        assertThat(offline.get("displaced").get("scanId").asText()).isEqualTo("online-1");
        assertThat(onlineAgain.status()).isEqualTo(409);
        assertThat(onlineAgain.body().get("checkIn").get("scanId").asText()).isEqualTo("north-1");
        assertOneAdmission(ticket.get("id").asText(), "north-1", now.minusSeconds(600));
    }

    @Test
    void givenEightDevicesSyncingScansOfOneTicketAtOnce_thenTheEarliestScanIsTheRecord() throws Exception {
        JsonNode ticket = register("Crowded");
        String code = ticket.get("qrCode").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int device = i;
            // device 5 made the earliest scan; the rest later, one second apart
            Instant at = device == 5 ? now.minusSeconds(900) : now.minusSeconds(100 + device);
            answers.add(pool.submit(() -> {
                gate.await();
                return result(sync(device % 2 == 0 ? staffA : staffB, "dev-" + device,
                        scan("crowd-" + device, code, at, "G" + device)).body(), 0);
            }));
        }
        gate.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<JsonNode> f : answers) {
            outcomes.add(f.get().get("outcome").asText());
        }
        pool.shutdown();

        assertThat(outcomes.get(5)).isEqualTo("accepted");
        assertThat(outcomes).containsOnly("accepted", "conflict");
        assertOneAdmission(ticket.get("id").asText(), "crowd-5", now.minusSeconds(900));
        for (int i = 0; i < 8; i++) {
            JsonNode again = result(sync(staffA, "dev-" + i, scan("crowd-" + i, code,
                    i == 5 ? now.minusSeconds(900) : now.minusSeconds(100 + i), "G" + i)).body(), 0);
            assertThat(again.get("outcome").asText()).isEqualTo(i == 5 ? "accepted" : "conflict");
        }
    }

    // ---- one batch ----

    @Test
    void givenABatch_whenSentAgain_thenEveryScanGetsTheSameOutcome_andNothingIsRecordedTwice() {
        String first = register("First").get("qrCode").asText();
        JsonNode secondTicket = register("Second");
        String second = secondTicket.get("qrCode").asText();
        List<Map<String, Object>> batch = List.of(
                scan("b-1", first, now.minusSeconds(50), "A"),
                scan("b-2", second, now.minusSeconds(40), "A"),
                scan("b-3", first, now.minusSeconds(30), "A"), // the same ticket again, later: a conflict with b-1
                scan("b-1", first, now.minusSeconds(50), "A")); // the same scan sent twice in one batch

        Response once = sync(staffA, "ipad-1", batch.toArray(Map[]::new));
        Response twice = sync(staffA, "ipad-1", batch.toArray(Map[]::new));

        assertThat(once.status()).isEqualTo(200);
        assertThat(outcomes(once.body())).containsExactly("accepted", "accepted", "conflict", "duplicate");
        assertThat(outcomes(twice.body())).isEqualTo(outcomes(once.body()));
        for (int i = 0; i < 4; i++) {
            assertThat(result(twice.body(), i).get("checkIn").get("scanId").asText())
                    .isEqualTo(result(once.body(), i).get("checkIn").get("scanId").asText());
            assertThat(result(twice.body(), i).get("checkIn").get("at").asText())
                    .isEqualTo(result(once.body(), i).get("checkIn").get("at").asText());
        }
        assertThat(result(once.body(), 2).get("checkIn").get("scanId").asText()).isEqualTo("b-1");
        assertOneAdmission(secondTicket.get("id").asText(), "b-2", now.minusSeconds(40));
    }

    @Test
    void givenForgedForeignRevokedAndMalformedCodesInABatch_thenEachIsRefusedWithItsReason_andTheGenuineOneAccepted() {
        String genuine = register("Genuine").get("qrCode").asText();
        char last = genuine.charAt(genuine.length() - 1);
        String forged = genuine.substring(0, genuine.length() - 1) + (last == '0' ? '1' : '0');
        String[] otherEvent = publishedEventStartingIn(Duration.ofHours(2));
        String foreign = registration("Elsewhere", otherEvent).get("tickets").get(0).get("qrCode").asText();
        JsonNode cancelled = registration("Cancelled", new String[] {eventId, typeId});
        call(as(owner, CANCEL_REGISTRATION).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", cancelled.get("id").asText()));
        String revoked = cancelled.get("tickets").get(0).get("qrCode").asText();

        JsonNode body = sync(staffA, "ipad-1",
                scan("x-1", forged, now.minusSeconds(50), "A"),
                scan("x-2", foreign, now.minusSeconds(49), "A"),
                scan("x-3", revoked, now.minusSeconds(48), "A"),
                scan("x-4", "NOT A TICKET", now.minusSeconds(47), "A"),
                scan("x-5", genuine, now.minusSeconds(46), "A")).body();

        assertThat(outcomes(body)).containsExactly("refused", "refused", "refused", "refused", "accepted");
        assertThat(body.get("results").findValuesAsText("reason")).containsExactly(
                "invalid_signature", "wrong_event", "ticket_cancelled", "malformed_code", "checked_in");
        assertThat(published).filteredOn(e -> e.eventId().toString().equals(eventId)).extracting(CheckInEvent::scanId)
                .containsExactly("x-5");
    }

    @Test
    void givenAnOversizedBatch_orAScanFromTheFuture_orBeforeTheWindow_then422_andNothingIsApplied() {
        JsonNode ticket = register("Patient");
        String code = ticket.get("qrCode").asText();
        List<Map<String, Object>> big = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            big.add(scan("big-" + i, code, now.minusSeconds(10), "A"));
        }

        Response oversized = sync(staffA, "ipad-1", big.toArray(Map[]::new));
        Response future = sync(staffA, "ipad-1", scan("ok-1", code, now.minusSeconds(10), "A"),
                scan("future-1", code, now.plus(Duration.ofMinutes(10)), "A"));
        Response beforeWindow = sync(staffA, "ipad-1", scan("ok-2", code, now.minusSeconds(10), "A"),
                scan("early-1", code, now.minus(Duration.ofDays(3)), "A"));
        Response noTime = call(as(staffA, SYNC_CHECK_INS).path("orgId", orgId).path("eventId", eventId).json("""
                {"device": "ipad-1", "scans": [{"scanId": "t-1", "code": "%s"}]}""".formatted(code)));
        Response noDevice = call(as(staffA, SYNC_CHECK_INS).path("orgId", orgId).path("eventId", eventId).json("""
                {"scans": [{"scanId": "t-2", "code": "%s", "scannedAt": "%s"}]}""".formatted(code, now)));
        Response unknownField = call(as(staffA, SYNC_CHECK_INS).path("orgId", orgId).path("eventId", eventId).json("""
                {"device": "d", "scans": [{"scanId": "t-3", "code": "%s", "scannedAt": "%s", "admit": true}]}"""
                .formatted(code, now)));

        assertThat(oversized.status()).isEqualTo(422);
        assertThat(oversized.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(oversized.body().get("errors").findValuesAsText("field")).contains("scans");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.body().get("errors").findValuesAsText("field")).containsExactly("scans[1].scannedAt");
        assertThat(beforeWindow.status()).isEqualTo(422);
        assertThat(beforeWindow.body().get("errors").findValuesAsText("field")).containsExactly("scans[1].scannedAt");
        assertThat(noTime.status()).isEqualTo(422);
        assertThat(noDevice.status()).isEqualTo(422);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(published).filteredOn(e -> e.ticketId().toString().equals(ticket.get("id").asText())).isEmpty();
        assertThat(call(as(staffA, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"code\": \"" + code + "\", \"scanId\": \"now-online\"}")).status()).isEqualTo(200);
    }

    @Test
    void givenAnAttendeeOrAnotherOrganizationsMember_thenTheSyncIsRefused_andNothingIsApplied() {
        JsonNode ticket = register("Guarded");
        String code = ticket.get("qrCode").asText();
        Principal attendee = TestTokens.newUser("Member");
        addMember(orgId, attendee, "attendee");
        Principal mallory = TestTokens.newUser("Mallory");
        createOrg(mallory);

        assertThat(sync(attendee, "d", scan("m-1", code, now.minusSeconds(5), "A")).status()).isEqualTo(403);
        assertThat(sync(mallory, "d", scan("m-2", code, now.minusSeconds(5), "A")).status()).isEqualTo(404);
        assertThat(published).filteredOn(e -> e.ticketId().toString().equals(ticket.get("id").asText())).isEmpty();
    }

    // ---- the kit ----

    @Test
    void givenAnEvent_thenTheOfflineKitHoldsKeysThatVerifyItsCodes_itsTickets_revocations_andAdmissions() throws Exception {
        JsonNode ann = register("Ann Attendee");
        JsonNode bob = register("Bob Builder");
        JsonNode cancelled = registration("Carl Cancelled", new String[] {eventId, typeId});
        call(as(owner, CANCEL_REGISTRATION).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", cancelled.get("id").asText()));
        String cancelledId = cancelled.get("tickets").get(0).get("id").asText();
        call(as(staffA, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"code\": \"" + bob.get("qrCode").asText() + "\", \"scanId\": \"bob-in\"}"));

        Response r = call(as(staffA, OFFLINE_KIT).path("orgId", orgId).path("eventId", eventId));

        assertThat(r.status()).isEqualTo(200);
        JsonNode kit = r.body();
        assertThat(Instant.parse(kit.get("generatedAt").asText())).isBetween(now.minusSeconds(5), clock.instant());
        assertThat(kit.get("checkInWindow").get("opens").asText()).isNotEmpty();
        // the kit's public key verifies the code the attendee holds, byte for byte as a device would
        TicketCode.Signed signed = TicketCode.parse(ann.get("qrCode").asText()).orElseThrow();
        JsonNode key = kit.get("keys").get(0);
        assertThat(key.get("keyId").asInt()).isEqualTo(signed.code().keyId());
        var publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("publicKey").asText())));
        assertThat(signed.verifiedBy(publicKey)).isTrue();
        assertThat(kit.toString()).doesNotContain("private").doesNotContain("sealed");
        // tickets: [ticketId, codeVersion, attendeeName, index into ticketTypes]
        assertThat(kit.get("ticketFields").toString()).isEqualTo("[\"ticketId\",\"codeVersion\",\"attendeeName\",\"ticketType\"]");
        Map<String, JsonNode> tickets = new LinkedHashMap<>();
        kit.get("tickets").forEach(t -> tickets.put(t.get(0).asText(), t));
        assertThat(tickets).containsOnlyKeys(ann.get("id").asText(), bob.get("id").asText());
        JsonNode annRow = tickets.get(ann.get("id").asText());
        assertThat(annRow.get(1).asInt()).isEqualTo(signed.code().codeVersion());
        assertThat(annRow.get(2).asText()).isEqualTo("Ann Attendee");
        assertThat(kit.get("ticketTypes").get(annRow.get(3).asInt()).get("name").asText()).isEqualTo("General");
        assertThat(kit.get("revoked").findValuesAsText("ticketId")).containsExactly(cancelledId);
        assertThat(kit.get("revoked").get(0).get("status").asText()).isEqualTo("cancelled");
        assertThat(kit.get("admitted").findValuesAsText("ticketId")).containsExactly(bob.get("id").asText());
    }

    @Test
    void givenAnotherOrganizationsMember_orAnAttendee_thenTheKitIsNotTheirs() {
        register("Ann");
        Principal mallory = TestTokens.newUser("Mallory");
        String malloryOrg = createOrg(mallory);
        Principal attendee = TestTokens.newUser("Member");
        addMember(orgId, attendee, "attendee");

        assertThat(call(as(mallory, OFFLINE_KIT).path("orgId", orgId).path("eventId", eventId)).status()).isEqualTo(404);
        assertThat(call(as(mallory, OFFLINE_KIT).path("orgId", malloryOrg).path("eventId", eventId)).status()).isEqualTo(404);
        assertThat(call(as(attendee, OFFLINE_KIT).path("orgId", orgId).path("eventId", eventId)).status()).isEqualTo(403);
    }

    // ---- fixtures ----

    /**
     * Exactly one admission of the ticket, the expected one, in the hot table and — once the
     * published events are recorded, in the order they were published — in PostgreSQL's check_ins.
     */
    private void assertOneAdmission(String ticketId, String scanId, Instant at) {
        var stored = door.ports().state().ticket(UUID.fromString(ticketId));
        assertThat(stored.orElseThrow().checkIn().orElseThrow().scanId()).isEqualTo(scanId);
        assertThat(stored.orElseThrow().checkIn().orElseThrow().at()).isEqualTo(at);
        List<CheckInEvent> events;
        synchronized (published) {
            events = List.copyOf(published);
        }
        events.stream().filter(e -> e.ticketId().toString().equals(ticketId)).forEach(e -> assertThat(services.recordCheckIns.record(List.of(e))).containsExactly(java.util.Optional.empty()));
        assertThat(count("SELECT count(*) FROM check_ins WHERE ticket_id = ?::uuid", ticketId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM check_ins WHERE ticket_id = ?::uuid AND scan_id = ? AND checked_in_at = ?",
                ticketId, scanId, java.sql.Timestamp.from(at))).isEqualTo(1);
    }

    private static Map<String, Object> scan(String scanId, String code, Instant scannedAt, String gate) {
        Map<String, Object> scan = new LinkedHashMap<>();
        scan.put("scanId", scanId);
        scan.put("code", code);
        scan.put("gate", gate);
        scan.put("scannedAt", scannedAt.toString());
        return scan;
    }

    @SafeVarargs
    private Response sync(Principal who, String device, Map<String, Object>... scans) {
        try {
            return call(as(who, SYNC_CHECK_INS).path("orgId", orgId).path("eventId", eventId)
                    .json(JSON.writeValueAsString(Map.of("device", device, "scans", List.of(scans)))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode result(JsonNode body, int index) {
        return body.get("results").get(index);
    }

    private static List<String> outcomes(JsonNode body) {
        return body.get("results").findValuesAsText("outcome");
    }

    private String[] publishedEventStartingIn(Duration in) {
        String event = createEvent(owner, orgId, uniqueSlug("offline"), Instant.now().plus(in));
        String type = createTicketType(owner, orgId, event, "General", 0, 1000);
        Response published = call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", event));
        assertThat(published.status()).isEqualTo(200);
        return new String[] {event, type};
    }

    private JsonNode register(String name) {
        return registration(name, new String[] {eventId, typeId}).get("tickets").get(0);
    }

    private JsonNode registration(String name, String[] event) {
        Response r = call(as(TestTokens.newUser(name.replaceAll("[^A-Za-z]", "")), REGISTER).path("eventId", event[0]).json(oneTicket(event[1], name)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }
}
