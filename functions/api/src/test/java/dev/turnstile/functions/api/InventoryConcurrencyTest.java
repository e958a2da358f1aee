package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.identity.Principal;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flash sale, as a correctness test: many attempts released at once through the handlers
 * against the real PostgreSQL. Every attempt gets a definitive answer, and exactly the capacity is
 * sold: not one seat more, not one less.
 */
class InventoryConcurrencyTest extends ApiTestSupport {

    static final int ATTEMPTS = 1000;

    final Principal owner = TestTokens.newUser("Flash");
    String orgId;

    @BeforeEach
    void anOrganization() {
        orgId = createOrg(owner);
    }

    @Test
    void givenCapacity100_when1000AttemptsArriveAtOnce_thenExactly100Hold_and900AreToldSoldOut() throws Exception {
        String[] e = publishedEvent(owner, orgId, 2500, 100);

        Map<Integer, List<Response>> byStatus = storm(ATTEMPTS, i -> ApiCall.to(REGISTER).path("eventId", e[0])
                .json(oneTicket(e[1], "Buyer " + i)));

        assertThat(byStatus.keySet()).containsOnly(201, 409);
        assertThat(byStatus.get(201)).hasSize(100);
        assertThat(byStatus.get(409)).hasSize(900).allSatisfy(r -> assertThat(r.code()).isEqualTo("sold_out"));
        assertThat(soldAndHeld(e[1])).containsExactly(0, 100);
        assertThat(count("SELECT count(*) FROM registrations WHERE event_id = ?::uuid", e[0])).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM tickets t JOIN registrations r ON r.id = t.registration_id"
                + " WHERE r.event_id = ?::uuid", e[0])).isEqualTo(100);
        assertThat(byStatus.get(201).stream().map(r -> r.body().get("id").asText()).distinct()).hasSize(100);
        // sold in batches, each registration and ticket is still written as its own buyer
        assertThat(count("SELECT count(*) FROM audit_logs a JOIN registrations r ON r.id = a.record_id"
                + " WHERE r.event_id = ?::uuid AND a.table_name = 'registrations' AND a.user_id = r.user_id", e[0]))
                .isEqualTo(100);
        assertThat(count("SELECT count(*) FROM audit_logs a JOIN tickets t ON t.id = a.record_id"
                + " JOIN registrations r ON r.id = t.registration_id"
                + " WHERE r.event_id = ?::uuid AND a.table_name = 'tickets' AND a.user_id = r.user_id", e[0]))
                .isEqualTo(100);
    }

    @Test
    void givenCapacity100_when1000AttemptsArriveAtOnce_thenTheCrowdAfterTheLastSeatIsAnsweredWithoutATransaction()
            throws Exception {
        // the registrations function of its own process, on a pool that counts what it lends
        java.util.concurrent.atomic.AtomicInteger lent = new java.util.concurrent.atomic.AtomicInteger();
        javax.sql.DataSource app = db.app();
        javax.sql.DataSource counting = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        lent.incrementAndGet();
                    }
                    try {
                        return method.invoke(app, args);
                    } catch (java.lang.reflect.InvocationTargetException x) {
                        throw x.getCause();
                    }
                });
        var registrations = new RegistrationsFunction(new dev.turnstile.wiring.Services(counting, tokens.verifier(),
                door.ports(), dev.turnstile.testing.TestS3.ticketFiles(), clock));
        String[] e = publishedEvent(owner, orgId, 2500, 100);

        Map<Integer, List<Response>> byStatus = storm(ATTEMPTS, i -> ApiCall.to(REGISTER).path("eventId", e[0])
                .json(oneTicket(e[1], "Buyer " + i)), i -> true, call -> send(registrations, call));

        assertThat(byStatus.get(201)).hasSize(100);
        assertThat(byStatus.get(409)).hasSize(900).allSatisfy(r -> assertThat(r.code()).isEqualTo("sold_out"));
        assertThat(soldAndHeld(e[1])).containsExactly(0, 100);
        // the event's organization looked up once, and the 100 seats sold in batches: a few
        // transactions, not one per seat; without the seat gate each of the 900 opened one too,
        // only to read that nothing was left
        assertThat(lent.get()).isBetween(2, 60);
    }

    @Test
    void givenSomeInvalidOrdersInTheCrowd_thenTheyAreRefusedAloneAndTheRestAreSoldTogether() throws Exception {
        String[] e = publishedEvent(owner, orgId, 2500, 100);

        // every fifth order names no attendee: refused with 422 whatever the batch it is sold in
        Map<Integer, List<Response>> byStatus = storm(300, i -> ApiCall.to(REGISTER).path("eventId", e[0])
                .json(oneTicket(e[1], i % 5 == 0 ? " " : "Buyer " + i)));

        // (once the last seat is gone, the gate answers sold_out before any order is looked at)
        assertThat(byStatus.keySet()).containsOnly(201, 409, 422);
        assertThat(byStatus.get(422)).isNotEmpty().hasSizeLessThanOrEqualTo(60)
                .allSatisfy(r -> assertThat(r.body().toString()).contains("attendeeName"));
        assertThat(byStatus.get(201)).hasSize(100).allSatisfy(r ->
                assertThat(r.body().at("/tickets/0/attendeeName").asText()).startsWith("Buyer "));
        assertThat(byStatus.get(409)).allSatisfy(r -> assertThat(r.code()).isEqualTo("sold_out"));
        assertThat(soldAndHeld(e[1])).containsExactly(0, 100);
        assertThat(count("SELECT count(*) FROM registrations WHERE event_id = ?::uuid", e[0])).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM registrations r JOIN tickets t ON t.registration_id = r.id"
                + " WHERE r.event_id = ?::uuid AND t.attendee_data ->> 'name' LIKE 'Buyer %'", e[0])).isEqualTo(100);
    }

    @Test
    void givenAFreeTicketWithCapacity100_when1000AttemptsArriveAtOnce_thenExactly100AreConfirmed() throws Exception {
        String[] e = publishedEvent(owner, orgId, 0, 100);

        Map<Integer, List<Response>> byStatus = storm(ATTEMPTS, i -> ApiCall.to(REGISTER).path("eventId", e[0])
                .json(oneTicket(e[1], "Buyer " + i)));

        assertThat(byStatus.get(201)).hasSize(100).allSatisfy(r ->
                assertThat(r.body().get("status").asText()).isEqualTo("confirmed"));
        assertThat(byStatus.get(409)).hasSize(900).allSatisfy(r -> assertThat(r.code()).isEqualTo("sold_out"));
        assertThat(soldAndHeld(e[1])).containsExactly(100, 0);
    }

    @Test
    void givenAPromoCodeLimitedTo10_when100AttemptsUseItAtOnce_thenExactly10GetTheDiscount() throws Exception {
        String[] e = publishedEvent(owner, orgId, 2000, 1000);
        call(as(owner, CREATE_PROMO_CODE).path("orgId", orgId).path("eventId", e[0])
                .json("{\"code\": \"early10\", \"kind\": \"percent\", \"percentOff\": 50, \"usageLimit\": 10}"));

        Map<Integer, List<Response>> byStatus = storm(100, i -> ApiCall.to(REGISTER).path("eventId", e[0]).json(
                "{\"promoCode\": \"EARLY10\", \"tickets\": [{\"ticketTypeId\": \"" + e[1] + "\", \"attendeeName\": \"P" + i + "\"}]}"));

        assertThat(byStatus.keySet()).containsOnly(201, 409);
        assertThat(byStatus.get(201)).hasSize(10).allSatisfy(r -> assertThat(r.body().get("totalMinor").asLong()).isEqualTo(1000));
        assertThat(byStatus.get(409)).hasSize(90).allSatisfy(r -> assertThat(r.code()).isEqualTo("promo_code_exhausted"));
        assertThat(count("SELECT times_used FROM promo_codes WHERE event_id = ?::uuid", e[0])).isEqualTo(10);
        assertThat(soldAndHeld(e[1])).containsExactly(0, 10);
    }

    @Test
    void givenTwoTypesInEveryOrder_whenManyBuyBothAtOnce_thenNoOrderIsHalfFilled() throws Exception {
        String eventId = createEvent(owner, orgId);
        String a = createTicketType(owner, orgId, eventId, "A", 1000, 30);
        String b = createTicketType(owner, orgId, eventId, "B", 1000, 50);
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));

        // half the orders list B first: the types are still locked in one order, so no deadlock
        Map<Integer, List<Response>> byStatus = storm(200, i -> ApiCall.to(REGISTER).path("eventId", eventId).json(
                "{\"tickets\": [{\"ticketTypeId\": \"" + (i % 2 == 0 ? a : b) + "\", \"attendeeName\": \"X\"},"
                        + " {\"ticketTypeId\": \"" + (i % 2 == 0 ? b : a) + "\", \"attendeeName\": \"Y\"}]}"));

        assertThat(byStatus.keySet()).containsOnly(201, 409);
        assertThat(byStatus.get(201)).hasSize(30);
        assertThat(byStatus.get(409)).hasSize(170).allSatisfy(r -> assertThat(r.code()).isEqualTo("sold_out"));
        assertThat(soldAndHeld(a)).containsExactly(0, 30);
        assertThat(soldAndHeld(b)).containsExactly(0, 30);
    }

    @Test
    void givenCancellationsDuringASale_thenNoDeadlockNoErrorAndEveryCounterBalances() throws Exception {
        String[] e = publishedEvent(owner, orgId, 1000, 60);
        call(as(owner, UPDATE_REGISTRATION_SETTINGS).path("orgId", orgId).path("eventId", e[0])
                .json("{\"capacity\": 80, \"attendeeCancellation\": true}"));
        call(as(owner, CREATE_PROMO_CODE).path("orgId", orgId).path("eventId", e[0])
                .json("{\"code\": \"CROWD\", \"kind\": \"percent\", \"percentOff\": 10, \"usageLimit\": 1000}"));
        String body = "{\"promoCode\": \"CROWD\", \"tickets\": [{\"ticketTypeId\": \"" + e[1] + "\", \"attendeeName\": \"X\"}]}";
        List<ApiCall> cancels = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Principal early = TestTokens.newUser("Early");
            Response r = call(as(early, REGISTER).path("eventId", e[0]).json(body));
            cancels.add(as(early, CANCEL_MY_REGISTRATION).path("registrationId", r.body().get("id").asText()));
        }

        // 40 cancellations (types -> event -> promo code released) race 200 registrations taking the same rows
        Map<Integer, List<Response>> byStatus = storm(240, i -> i < 40 ? cancels.get(i)
                : ApiCall.to(REGISTER).path("eventId", e[0]).json(body), i -> i >= 40);

        assertThat(byStatus.keySet()).containsOnly(200, 201, 409);
        assertThat(byStatus.get(200)).hasSize(40);
        assertThat(byStatus.get(409)).allSatisfy(r -> assertThat(r.code()).isEqualTo("sold_out"));
        // how many of the 200 got in depends on when the 40 seats came back; every counter must agree with it
        int sold = byStatus.get(201).size();
        assertThat(sold).isBetween(20, 60);
        assertThat(count("SELECT count(*) FROM registrations WHERE event_id = ?::uuid AND status = 'pending'", e[0]))
                .isEqualTo(sold);
        assertThat(soldAndHeld(e[1])).containsExactly(0, sold);
        assertThat(count("SELECT seats_taken FROM events WHERE id = ?::uuid", e[0])).isEqualTo(sold);
        assertThat(count("SELECT times_used FROM promo_codes WHERE event_id = ?::uuid", e[0])).isEqualTo(sold);
    }

    private static Map<Integer, List<Response>> storm(int n, Function<Integer, ApiCall> request) throws Exception {
        return storm(n, request, i -> true, ApiTestSupport::call);
    }

    private static Map<Integer, List<Response>> storm(int n, Function<Integer, ApiCall> request,
                                                      java.util.function.IntPredicate newAttendee) throws Exception {
        return storm(n, request, newAttendee, ApiTestSupport::call);
    }

    /**
     * Fires {@code n} calls, released together (those marked get a new attendee's token) through
     * {@code handler}; returns the answers by status.
     */
    private static Map<Integer, List<Response>> storm(int n, Function<Integer, ApiCall> request,
                                                      java.util.function.IntPredicate newAttendee,
                                                      Function<ApiCall, Response> handler) throws Exception {
        List<ApiCall> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ApiCall call = request.apply(i);
            calls.add(newAttendee.test(i) ? call.token(tokens.tokenFor(TestTokens.newUser("Buyer"))) : call);
        }
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, Response> answers = new ConcurrentHashMap<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int index = i;
                pool.submit(() -> {
                    start.await();
                    answers.put(index, handler.apply(calls.get(index)));
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(answers).as("every attempt got an answer").hasSize(n);
        return answers.values().stream().collect(Collectors.groupingBy(Response::status));
    }
}
