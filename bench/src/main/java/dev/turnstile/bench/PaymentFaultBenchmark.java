package dev.turnstile.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.turnstile.adapters.crypto.AesGcmKeySealer;
import dev.turnstile.adapters.dynamodb.CheckInTable;
import dev.turnstile.adapters.dynamodb.DynamoDoorState;
import dev.turnstile.adapters.events.InProcessCheckInEvents;
import dev.turnstile.adapters.jdbc.DataSources;
import dev.turnstile.adapters.jdbc.Migrations;
import dev.turnstile.adapters.jdbc.PostgresServer;
import dev.turnstile.common.Unavailable;
import dev.turnstile.identity.Principal;
import dev.turnstile.payment.PaymentProviders;
import dev.turnstile.payment.ProviderStatus;
import dev.turnstile.payment.RefundRegistration;
import dev.turnstile.payment.StartPayment;
import dev.turnstile.registration.Register;
import dev.turnstile.registration.TicketFiles;
import dev.turnstile.registration.TicketPdfLinks;
import dev.turnstile.standins.Dynalite;
import dev.turnstile.wiring.DoorPorts;
import dev.turnstile.wiring.Services;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code ./turnstile bench payments}: the payment workflow's fault-injection run (docs/benchmarks.md).
 * Runs N simulated payment flows in-process through the workflow's use cases (register, start
 * payment, the webhook handler, organizer refunds, hold expiry, the payment runner and the
 * reconciliation), against the real PostgreSQL and a {@link ProviderSimulator} behind the payment
 * port that injects provider errors and lost answers. Webhooks are delivered at random (reordered),
 * some several times and some at once (duplicates), some late (after the hold ran out), some never
 * (the provider gave up: the reconciliation must find them). Then every flow is audited against
 * the simulator's own books and the figures are printed:
 * completed, failed cleanly, lost, double-charged or double-confirmed, unreconciled.
 */
public final class PaymentFaultBenchmark {

    private static final long PRICE = 2500;

    public static void main(String[] args) throws Exception {
        // the run provokes thousands of expected warnings (retries, faults); the figures are the output
        BenchmarkMain.quietLogs("error");
        Map<String, String> options = options(args);
        int flows = Integer.parseInt(options.getOrDefault("flows", "10000"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "8"));
        double errors = Double.parseDouble(options.getOrDefault("errors", "0.05"));
        double timeouts = Double.parseDouble(options.getOrDefault("timeouts", "0.03"));
        double duplicates = Double.parseDouble(options.getOrDefault("duplicates", "0.2"));
        double late = Double.parseDouble(options.getOrDefault("late", "0.02"));
        double dropped = Double.parseDouble(options.getOrDefault("dropped", "0.02"));
        new PaymentFaultBenchmark(flows, threads, errors, timeouts, duplicates, late, dropped).run();
    }

    private final int flows;
    private final int threads;
    private final double duplicates;
    private final double late;
    private final double dropped;
    private final double errors;
    private final double timeouts;
    private final AtomicLong offset = new AtomicLong();
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(offset.get());
        }
    };

    /** Deliveries waiting: taken at random, so their order is not the order they were sent in. */
    private final List<ProviderSimulator.Delivery> inbox = new ArrayList<>();
    private final List<ProviderSimulator.Delivery> lateInbox = new ArrayList<>();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong deliveryFailures = new AtomicLong();
    private final AtomicLong neverDelivered = new AtomicLong();
    private final AtomicLong startRetries = new AtomicLong();

    private PaymentFaultBenchmark(int flows, int threads, double errors, double timeouts, double duplicates,
                                  double late, double dropped) {
        this.flows = flows;
        this.threads = threads;
        this.errors = errors;
        this.timeouts = timeouts;
        this.duplicates = duplicates;
        this.late = late;
        this.dropped = dropped;
    }

    private void webhook(ProviderSimulator.Delivery d) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < dropped) {
            neverDelivered.incrementAndGet(); // the provider gave up on this one
            return;
        }
        int copies = random.nextDouble() < duplicates ? 2 + random.nextInt(2) : 1;
        synchronized (inbox) {
            for (int i = 0; i < copies; i++) {
                (random.nextDouble() < late ? lateInbox : inbox).add(d);
            }
        }
    }

    private ProviderSimulator.Delivery take(List<ProviderSimulator.Delivery> from) {
        synchronized (inbox) {
            if (from.isEmpty()) {
                return null;
            }
            int i = ThreadLocalRandom.current().nextInt(from.size());
            ProviderSimulator.Delivery d = from.get(i);
            from.set(i, from.get(from.size() - 1));
            from.remove(from.size() - 1);
            return d;
        }
    }

    /** One delivery; a failed one (a 5xx to the provider) is sent again later, as providers do. */
    private void deliver(Services services, List<ProviderSimulator.Delivery> from) {
        ProviderSimulator.Delivery d = take(from);
        if (d == null) {
            return;
        }
        deliveries.incrementAndGet();
        try {
            services.handlePaymentWebhook.handle(ProviderSimulator.NAME, d.headers(), d.body());
        } catch (RuntimeException e) {
            deliveryFailures.incrementAndGet();
            synchronized (inbox) {
                from.add(d);
            }
        }
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        PostgresServer postgres = PostgresServer.fromEnvironment();
        String database = "turnstile_bench_payments_" + Long.toString(System.nanoTime(), 36);
        postgres.createDatabase(database);
        try (HikariDataSource owner = DataSources.pooled(postgres.jdbcUrl(database), postgres.adminUser(), null, 4);
             Dynalite dynalite = Dynalite.start()) {
            Migrations.apply(owner, "turnstile_app");
            try (HikariDataSource app = DataSources.pooled(postgres.jdbcUrl(database), "turnstile_app", null, threads + 2)) {
                var dynamo = CheckInTable.localClient(dynalite.endpoint());
                CheckInTable.create(dynamo, "turnstile-check-ins");
                ExecutorService doorSync = Executors.newVirtualThreadPerTaskExecutor();
                ProviderSimulator simulator = new ProviderSimulator(errors, timeouts, 0.3, this::webhook);
                Services services = new Services(app, token -> {
                    throw new UnsupportedOperationException("no tokens in the benchmark");
                }, AesGcmKeySealer.forDevelopment("bench"),
                        new DoorPorts(new DynamoDoorState(dynamo, "turnstile-check-ins"), new InProcessCheckInEvents(),
                                doorSync),
                        TicketFiles.none(), TicketPdfLinks.DEFAULT_VALIDITY, PaymentProviders.of(List.of(simulator)), clock);
                Principal organizer = new Principal(UUID.randomUUID(), "organizer@bench.example", "Organizer", true);
                UUID[] ids = setUp(owner, organizer);
                UUID orgId = ids[0];
                UUID eventId = ids[1];
                UUID ticketTypeId = ids[2];
                System.out.printf("payments bench: %d flows, %d threads, provider errors %.0f %%, lost answers %.0f %%,"
                                + " duplicate webhooks %.0f %%, late %.0f %%, never delivered %.0f %%%n", flows, threads,
                        errors * 100, timeouts * 100, duplicates * 100, late * 100, dropped * 100);

                // 1. the buyers, with the webhooks arriving in parallel, out of order, some twice or at once
                Map<UUID, Flow> byRegistration = new ConcurrentHashMap<>();
                AtomicInteger next = new AtomicInteger();
                AtomicInteger buyersDone = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                int deliverers = Math.max(2, threads / 2);
                for (int t = 0; t < threads - deliverers; t++) {
                    pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < flows; i = next.getAndIncrement()) {
                            try {
                                Flow f = buyer(services, simulator, eventId, ticketTypeId, i);
                                byRegistration.put(f.registrationId, f);
                            } catch (RuntimeException e) {
                                System.err.println("flow " + i + " could not start: " + e);
                            }
                        }
                        buyersDone.incrementAndGet();
                    });
                }
                for (int t = 0; t < deliverers; t++) {
                    pool.submit(() -> {
                        while (buyersDone.get() < threads - deliverers || !inboxEmpty(inbox)) {
                            if (inboxEmpty(inbox)) {
                                sleep(1);
                                continue;
                            }
                            deliver(services, inbox);
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.HOURS);

                // 2. organizers refund a few, some twice at once (the second must find nothing left)
                List<Flow> confirmed = byRegistration.values().stream().filter(f -> f.refund).toList();
                ExecutorService refunds = Executors.newFixedThreadPool(threads);
                AtomicInteger refunded = new AtomicInteger();
                for (Flow f : confirmed) {
                    int copies = ThreadLocalRandom.current().nextDouble() < 0.3 ? 2 : 1;
                    for (int c = 0; c < copies; c++) {
                        refunds.submit(() -> {
                            try {
                                services.refundRegistration.refund(organizer, orgId, eventId, f.registrationId,
                                        new RefundRegistration.Command(null, null));
                                refunded.incrementAndGet();
                            } catch (RuntimeException e) {
                                // a concurrent twin refunded it first (409), or it was never confirmed
                            }
                        });
                    }
                }
                refunds.shutdown();
                refunds.awaitTermination(1, TimeUnit.HOURS);

                // 3. time passes: the provider settles refunds, holds run out, late webhooks arrive, the
                //    runner and the reconciliation do their rounds until nothing is left to do
                simulator.settlePendingRefunds();
                drain(services, inbox);
                offset.addAndGet(Duration.ofMinutes(30).toMillis());
                services.expireHolds.run();
                synchronized (inbox) {
                    inbox.addAll(lateInbox);
                    lateInbox.clear();
                }
                int rounds = 0;
                int reconciled = 0;
                while (rounds++ < 30) {
                    if (rounds == 4) {
                        simulator.recover(); // the outage ends; until now the sweeps ran into faults too
                    }
                    simulator.settlePendingRefunds(); // refunds asked for meanwhile settle at the provider too
                    drain(services, inbox);
                    services.expireHolds.run();
                    var followUps = services.runPaymentFollowUps.run();
                    var reconciliation = services.reconcilePayments.run();
                    reconciled += reconciliation.repaired();
                    drain(services, inbox);
                    if (rounds > 4 && followUps.paymentsVisited() == 0 && reconciliation.repaired() == 0
                            && reconciliation.errors() == 0 && inboxEmpty(inbox)) {
                        break;
                    }
                }
                doorSync.shutdown();
                doorSync.awaitTermination(1, TimeUnit.MINUTES);

                audit(owner, simulator, byRegistration, flows, refunded.get(), reconciled, rounds,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        } finally {
            try {
                postgres.dropDatabase(database);
            } finally {
                postgres.close();
            }
        }
    }

    private boolean inboxEmpty(List<ProviderSimulator.Delivery> box) {
        synchronized (inbox) {
            return box.isEmpty();
        }
    }

    private void drain(Services services, List<ProviderSimulator.Delivery> box) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                int idle = 0;
                while (idle < 3) {
                    if (inboxEmpty(box)) {
                        idle++;
                        sleep(2);
                    } else {
                        idle = 0;
                        deliver(services, box);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    /** What the buyer of one flow did. */
    record Flow(UUID registrationId, String kind, boolean refund) {
    }

    private static <T> T retrying(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (Unavailable e) {
                if (attempt == 8) {
                    throw e;
                }
            }
        }
    }

    /**
     * One buyer: 80 % pay, 10 % are declined and pay with a second attempt, 5 % are declined and
     * give up, 5 % never pay. A failed call to start paying is retried, as the buyer's browser would.
     */
    private Flow buyer(Services services, ProviderSimulator simulator, UUID eventId, UUID ticketTypeId, int i) {
        Principal buyer = new Principal(UUID.randomUUID(), "buyer" + i + "@bench.example", "Buyer " + i, true);
        var outcome = services.register.register(buyer, eventId, new Register.Command(List.of(
                new Register.TicketRequest(ticketTypeId, "Buyer " + i, null, Map.of())), null, null), "flow-" + i);
        UUID registrationId = outcome.registration().id();
        int roll = ThreadLocalRandom.current().nextInt(100);
        String kind = roll < 80 ? "pays" : roll < 90 ? "declined-then-pays" : roll < 95 ? "declined-gives-up" : "abandons";
        StartPayment.Started first = start(services, buyer, registrationId);
        switch (kind) {
            case "pays" -> simulator.buyerActs(first.clientSecret().replace("_secret", ""), true);
            case "declined-then-pays" -> {
                simulator.buyerActs(first.clientSecret().replace("_secret", ""), false);
                // the decline reaches us by webhook or not yet: the buyer retries until a new attempt opens
                StartPayment.Started second = first;
                for (int tries = 0; tries < 200 && second.attempt() == first.attempt(); tries++) {
                    sleep(2);
                    second = start(services, buyer, registrationId);
                }
                if (second.attempt() != first.attempt()) {
                    simulator.buyerActs(second.clientSecret().replace("_secret", ""), true);
                }
            }
            case "declined-gives-up" -> simulator.buyerActs(first.clientSecret().replace("_secret", ""), false);
            default -> { }
        }
        boolean refund = kind.endsWith("pays") && ThreadLocalRandom.current().nextInt(100) < 5;
        return new Flow(registrationId, kind, refund);
    }

    private StartPayment.Started start(Services services, Principal buyer, UUID registrationId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return services.startPayment.start(buyer, registrationId, new StartPayment.Command(ProviderSimulator.NAME,
                        null));
            } catch (RuntimeException e) {
                startRetries.incrementAndGet();
                if (attempt == 20) {
                    throw e;
                }
                sleep(1);
            }
        }
    }

    /** The figures: every flow checked against the simulator's books and the database. */
    private void audit(HikariDataSource owner, ProviderSimulator simulator, Map<UUID, Flow> flowsByRegistration,
                       int requested, int refundsMade, int reconciled, int rounds, Duration took) throws SQLException {
        Map<UUID, String> status = new HashMap<>();
        Map<UUID, Long> confirmations = new HashMap<>();
        Map<String, UUID> registrationOfPayment = new HashMap<>();
        Map<String, String[]> local = new HashMap<>();
        long openFindings;
        long invoicesTwice;
        long pendingRefunds;
        try (Connection c = owner.getConnection()) {
            query(c, "SELECT id, status::text FROM registrations", rs -> status.put((UUID) rs.getObject(1), rs.getString(2)));
            query(c, "SELECT (payload ->> 'registrationId')::uuid, count(*) FROM outbox_messages"
                    + " WHERE topic = 'registration.confirmed' GROUP BY 1", rs -> confirmations.put((UUID) rs.getObject(1),
                    rs.getLong(2)));
            query(c, "SELECT provider_payment_id, registration_id, status::text, refunded_minor FROM payments"
                    + " WHERE provider_payment_id IS NOT NULL", rs -> {
                registrationOfPayment.put(rs.getString(1), (UUID) rs.getObject(2));
                local.put(rs.getString(1), new String[] {rs.getString(3), Long.toString(rs.getLong(4))});
            });
            openFindings = one(c, "SELECT count(*) FROM payment_discrepancies WHERE resolved_at IS NULL");
            invoicesTwice = one(c, "SELECT count(*) FROM (SELECT payment_id FROM invoices WHERE kind = 'invoice'"
                    + " GROUP BY payment_id HAVING count(*) > 1) x");
            pendingRefunds = one(c, "SELECT count(*) FROM payment_refunds WHERE status = 'pending'");
        }
        Map<UUID, Long> kept = new HashMap<>();
        long unreconciled = 0;
        for (ProviderSimulator.SimPayment p : simulator.payments()) {
            UUID registration = registrationOfPayment.get(p.id);
            if (registration == null) {
                unreconciled++; // the provider has a payment we never recorded
                continue;
            }
            kept.merge(registration, p.keptMinor(), Long::sum);
            String[] ours = local.get(p.id);
            boolean paidHere = ours[0].equals("succeeded") || ours[0].equals("refunded") || ours[0].equals("partially_refunded");
            boolean agrees = (p.status == ProviderStatus.SUCCEEDED) == paidHere
                    && Long.parseLong(ours[1]) == p.refundedMinor();
            if (!agrees) {
                unreconciled++;
                System.out.printf("  payment %s: provider %s refunded %d, ours %s refunded %s%n", p.id, p.status,
                        p.refundedMinor(), ours[0], ours[1]);
            }
        }
        unreconciled += openFindings + pendingRefunds;
        if (openFindings + pendingRefunds > 0) {
            System.out.printf("  open findings %d, refunds still pending %d%n", openFindings, pendingRefunds);
        }
        long completed = 0;
        long failedCleanly = 0;
        long lost = 0;
        long doubled = invoicesTwice;
        Map<String, Integer> kinds = new HashMap<>();
        for (Flow f : flowsByRegistration.values()) {
            kinds.merge(f.kind, 1, Integer::sum);
            String s = status.get(f.registrationId);
            long lostBefore = lost;
            long money = kept.getOrDefault(f.registrationId, 0L);
            long confirmedTimes = confirmations.getOrDefault(f.registrationId, 0L);
            if (confirmedTimes > 1 || money > PRICE) {
                doubled++;
            }
            switch (s) {
                case "confirmed" -> {
                    if (money == PRICE) {
                        completed++;
                    } else {
                        lost++; // confirmed without the money
                    }
                }
                case "refunded" -> {
                    if (money == 0) {
                        completed++; // paid, confirmed, refunded in full by the organizer
                    } else {
                        lost++;
                    }
                }
                case "expired", "cancelled" -> {
                    if (money == 0) {
                        failedCleanly++;
                    } else {
                        lost++; // charged, and nothing to show for it
                    }
                }
                default -> lost++; // still pending after everything ran: nobody would ever finish it
            }
            if (lostBefore != lost || confirmedTimes > 1 || money > PRICE) {
                System.out.printf("  flow %s (%s): registration %s, provider kept %d, confirmed %d times%n",
                        f.registrationId, f.kind, s, money, confirmedTimes);
            }
        }
        lost += requested - flowsByRegistration.size();
        System.out.printf("flows: %d (%s)%n", requested, kinds);
        System.out.printf("webhook deliveries: %d (%d failed and were sent again, %d events never delivered);"
                        + " provider errors injected %d, lost answers %d; buyer retries %d%n", deliveries.get(),
                deliveryFailures.get(), neverDelivered.get(), simulator.injectedErrors.get(),
                simulator.injectedTimeouts.get(), startRetries.get());
        System.out.printf("organizer refunds made: %d; repaired by the reconciliation: %d; rounds: %d%n", refundsMade,
                reconciled, rounds);
        System.out.printf("completed: %d%nfailed cleanly: %d%nlost: %d%ndouble-charged or double-confirmed: %d%n"
                + "unreconciled: %d%ntook: %d s%n", completed, failedCleanly, lost, doubled, unreconciled,
                took.toSeconds());
        if (lost != 0 || doubled != 0 || unreconciled != 0) {
            System.exit(1);
        }
    }

    // ---- set-up and small helpers ----

    /** One organization, one published event, one ticket type with room for every flow; returns their ids. */
    private static UUID[] setUp(HikariDataSource owner, Principal organizer) throws SQLException {
        UUID org = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        UUID type = UUID.randomUUID();
        try (Connection c = owner.getConnection()) {
            exec(c, "INSERT INTO users (id, email, name) VALUES (?, ?, ?)", organizer.userId(), organizer.email(),
                    organizer.name());
            exec(c, "INSERT INTO organizations (id, name, slug) VALUES (?, 'Bench', ?)", org,
                    "bench-" + Long.toString(System.nanoTime(), 36));
            exec(c, "INSERT INTO org_members (org_id, user_id, role) VALUES (?, ?, 'owner')", org, organizer.userId());
            exec(c, """
                    INSERT INTO events (id, org_id, title, slug, event_type, starts_at, ends_at, time_zone, is_published,
                      published_at)
                    VALUES (?, ?, 'Payments bench', 'payments-bench', 'online', now() + interval '30 days',
                      now() + interval '31 days', 'UTC', true, now())""", event, org);
            exec(c, """
                    INSERT INTO ticket_types (id, org_id, event_id, name, price_minor, currency, capacity)
                    VALUES (?, ?, ?, 'General', ?, 'EUR', 1000000)""", type, org, event, PRICE);
        }
        return new UUID[] {org, event, type};
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    private static long one(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
