package dev.turnstile.functions.checkin;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.adapters.events.CheckInEventCodec;
import dev.turnstile.checkin.CheckInEvent;
import dev.turnstile.functions.api.ApiTestSupport;
import dev.turnstile.identity.Principal;
import dev.turnstile.standins.ElasticMq;
import dev.turnstile.standins.SqsEventSource;
import dev.turnstile.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durable record: check-in events through a real SQS-compatible queue (ElasticMQ) with a
 * dead-letter queue, consumed by the recorder function as Lambda's event source mapping would.
 */
class CheckInRecorderTest extends ApiTestSupport {

    static ElasticMq sqs;
    static String queueUrl;
    static SqsEventSource source;

    final Principal owner = TestTokens.newUser("Owen");
    final List<CheckInEvent> published = Collections.synchronizedList(new ArrayList<>());
    String orgId;
    String eventId;
    String typeId;

    @BeforeAll
    static void queue() {
        sqs = ElasticMq.start();
        queueUrl = sqs.createQueueWithDeadLetters("check-ins", 2, 30);
        source = SqsEventSource.create(sqs.client(), queueUrl, new CheckInRecorderFunction(services), 10);
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @BeforeEach
    void anEventStartingSoon() {
        clock.reset();
        orgId = createOrg(owner);
        eventId = createEvent(owner, orgId, uniqueSlug("rec"), Instant.now().plus(Duration.ofHours(1)));
        typeId = createTicketType(owner, orgId, eventId, "General", 0, 50);
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
        door.events().subscribe(published::add);
    }

    @Test
    void givenACheckInDeliveredTwice_thenPostgresHasOneRowWithWhoWhereAndHow() {
        String ticketId = checkIn("scan-a", "East");
        send(eventFor("scan-a"));
        send(eventFor("scan-a"));

        drain();

        assertThat(count("SELECT count(*) FROM check_ins WHERE ticket_id = ?::uuid", ticketId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM check_ins WHERE ticket_id = ?::uuid AND scan_id = 'scan-a' "
                + "AND gate = 'East' AND method = 'qr' AND checked_in_by = ?::uuid AND session_id IS NULL",
                ticketId, owner.userId().toString())).isEqualTo(1);
    }

    @Test
    void givenAnUndoDeliveredBeforeItsCheckIn_thenTheRecordStillEndsAsTheDoorSays() {
        JsonNode ticket = ticket();
        scan(ticket.get("qrCode").asText(), "first", "A");
        call(as(owner, UNDO_CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"ticketId\": \"" + ticket.get("id").asText() + "\"}"));
        scan(ticket.get("qrCode").asText(), "second", "B");
        List<CheckInEvent> events = new ArrayList<>(published);
        Collections.reverse(events); // the newest first: the worst order a standard queue may deliver

        events.forEach(this::send);
        drain();

        String ticketId = ticket.get("id").asText();
        assertThat(count("SELECT count(*) FROM check_ins WHERE ticket_id = ?::uuid", ticketId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM check_ins WHERE ticket_id = ?::uuid AND scan_id = 'second' AND gate = 'B'",
                ticketId)).isEqualTo(1);
    }

    @Test
    void givenAPoisonMessage_thenItEndsInTheDeadLetterQueue_andTheGoodOnesAreRecorded() {
        String ticketId = checkIn("scan-good", "G");
        sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"not\": \"a check-in\"}"));
        send(eventFor("scan-good"));

        drain();
        drain(); // the poison message's second and last receipt (maxReceiveCount 2)
        drain();

        String dlq = sqs.queueUrl("check-ins-dlq");
        var dead = sqs.client().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(dead).extracting(m -> m.body()).containsExactly("{\"not\": \"a check-in\"}");
        assertThat(count("SELECT count(*) FROM check_ins WHERE ticket_id = ?::uuid", ticketId)).isEqualTo(1);
    }

    // ---- fixtures ----

    private JsonNode ticket() {
        Response r = call(as(TestTokens.newUser("Ann"), REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Ann")));
        assertThat(r.status()).isEqualTo(201);
        return r.body().get("tickets").get(0);
    }

    private String checkIn(String scanId, String gate) {
        JsonNode ticket = ticket();
        assertThat(scan(ticket.get("qrCode").asText(), scanId, gate).status()).isEqualTo(200);
        return ticket.get("id").asText();
    }

    private Response scan(String code, String scanId, String gate) {
        return call(as(owner, CHECK_IN).path("orgId", orgId).path("eventId", eventId).json("""
                {"code": "%s", "scanId": "%s", "gate": "%s"}""".formatted(code, scanId, gate)));
    }

    private CheckInEvent eventFor(String scanId) {
        return published.stream().filter(e -> e.scanId().equals(scanId)).findFirst().orElseThrow();
    }

    private void send(CheckInEvent event) {
        sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(CheckInEventCodec.write(event)));
    }

    private void drain() {
        while (source.pollOnce(0) > 0) {
            // until the queue has nothing visible
        }
    }
}
