package dev.turnstile.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.adapters.dynamodb.CheckInTable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The door under load: S scanners (one keep-alive connection each) check in T distinct tickets
 * of one event over HTTP, plus D % duplicate scans of tickets already admitted, and every answer
 * is checked (a first scan must be 200 {@code checked_in}, a duplicate 409 {@code already_checked_in}).
 * In the same run, the same number of raw conditional UpdateItem calls go straight to the DynamoDB
 * stand-in the runtime uses, at the same concurrency: the ceiling the check-in path is measured
 * against. Exits 1 on any wrong answer, 2 on bad options. See docs/benchmarks.md.
 *
 * <p>Set-up, not measured: the tickets are bought through the API (free registrations of 50 tickets,
 * several at once), so every code is signed by the registration's own signer and the hot table is
 * filled by the same after-commit refresh as in production; the benchmark waits until the hot table
 * holds every ticket.
 */
public final class CheckInBenchmark {

    static final String USAGE = """
            usage: ./turnstile bench checkin [--scanners S] [--tickets T] [--duplicates PERCENT]
                                             [--warmup-tickets W] [--target URL] [--timeout SECONDS]
              --scanners S        concurrent scanners, one keep-alive connection each      (default 200)
              --tickets T         distinct tickets of the measured event, each scanned once (default 20000)
              --duplicates P      extra scans of admitted tickets, in % of T                (default 5)
              --warmup-tickets W  tickets of a warm-up event scanned first, not counted (0: none; default 4000)
              --target URL        a running local runtime (./turnstile run); default: start one in this JVM
              --solo N            then N more tickets scanned by ONE scanner, and N raw writes by one thread:
                                  the latency a scan adds without queueing (0: skip; default 500)
              --timeout S         per-request timeout                                        (default 30)

            The check-in phase runs twice on events of T tickets each: with the durable record (bus ->
            queue -> recorder -> PostgreSQL) running beside the scans, and with its consumer held until
            the phase ends (then let go, and timed until its queue is empty): in AWS it runs on its own
            Lambda and queue, on this machine it shares the two cores. Only with the in-process runtime.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TICKETS_PER_REGISTRATION = 50;

    record Options(int scanners, int tickets, int duplicates, int warmupTickets, String target, int timeoutSeconds,
                   int solo) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    throw new IllegalArgumentException("");
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    given.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    given.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
            }
            Options o = new Options(number(given.remove("scanners"), "scanners", 200, 1, 5000),
                    number(given.remove("tickets"), "tickets", 20_000, 1, 1_000_000),
                    number(given.remove("duplicates"), "duplicates", 5, 0, 100),
                    number(given.remove("warmup-tickets"), "warmup-tickets", 4000, 0, 1_000_000),
                    given.remove("target"),
                    number(given.remove("timeout"), "timeout", 30, 1, 3600),
                    number(given.remove("solo"), "solo", 500, 0, 100_000));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + given.keySet().iterator().next());
            }
            return o;
        }

        private static int number(String value, String name, int fallback, int min, int max) {
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.strip());
                if (n < min || n > max) {
                    throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
            }
        }
    }

    /** One event's tickets as the scanners will present them. */
    record Seeded(String eventId, List<String> ticketIds, List<String> codes, double registerSeconds, double hotTableSeconds) {
    }

    /** What one phase measured. */
    record Phase(String name, int operations, double wallMs, double perSecond, double p50, double p95, double p99, double max,
                 int wrong, int errors, Map<String, Long> answers, double jvmCpu, double nodeCpu, double postgresCpu) {
    }

    /** One operation of a phase: the first scan of ticket i, or a duplicate of it. */
    interface Operation {
        /** "ok" when the answer is the right one; otherwise what was answered instead. */
        String perform(int ticket, boolean duplicate, KeepAliveHttp connection) throws IOException;
    }

    private final Options options;
    private final FlashSaleBenchmark.Target target;
    private final HttpClient setup;
    private final DynamoDbClient dynamo;
    private String organizerToken;
    private String orgId;

    CheckInBenchmark(Options options, FlashSaleBenchmark.Target target, HttpClient setup, DynamoDbClient dynamo) {
        this.options = options;
        this.target = target;
        this.setup = setup;
        this.dynamo = dynamo;
    }

    private void locateStandIn() throws IOException, InterruptedException {
        dynamoPort = target.dynamoEndpoint().getPort();
    }

    public static void main(String[] args) throws Exception {
        BenchmarkMain.quietLogs("warn");
        Options options = BenchmarkMain.optionsOrExit("bench checkin", USAGE, args, Options::parse);
        // the raw phase's client keeps its connections to dynalite, as the runtime's does (LocalRuntime)
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
        HttpClient setup = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        boolean ok = false;
        try (FlashSaleBenchmark.Target target = options.target() == null ? new FlashSaleBenchmark.InProcess()
                : new FlashSaleBenchmark.Remote(options.target(), setup);
             DynamoDbClient dynamo = CheckInTable.localClient(target.dynamoEndpoint())) {
            ok = new CheckInBenchmark(options, target, setup, dynamo).run();
        } catch (Exception e) {
            // a stand-in that will not stop (ElasticMQ's shutdown can time out) must not keep this JVM alive
            System.err.println("bench checkin: " + e);
        } finally {
            System.exit(ok ? 0 : 1);
        }
    }

    boolean run() throws Exception {
        int duplicates = (int) Math.round(options.tickets() * options.duplicates() / 100.0);
        System.out.printf(Locale.ROOT, "Check-in: %d scanners, %d tickets + %d duplicate scans (%d %%)%n", options.scanners(),
                options.tickets(), duplicates, options.duplicates());
        System.out.printf(Locale.ROOT, "Target: %s; DynamoDB stand-in at %s%n", target.describe(), target.dynamoEndpoint());
        System.out.printf(Locale.ROOT, "Machine: %d cores seen by the JVM, Java %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());

        locateStandIn();
        organizerToken = target.token("bench-door@example.com", "Door Bench");
        orgId = post("/v1/orgs", organizerToken, Map.of("name", "Check-in bench",
                "slug", "door-" + Long.toString(System.nanoTime(), 36))).get("id").asText();

        Seeded warm = options.warmupTickets() > 0 ? seed("Warm-up", options.warmupTickets()) : null;
        Seeded measured = seed("Measured", options.tickets());
        // the same scans again with the durable record's consumer held: what the scan path costs by itself
        Seeded deferred = target.canHoldRecorder() ? seed("Measured, recorder deferred", options.tickets()) : null;
        Seeded solo = options.solo() > 0 ? seed("Solo", options.solo()) : null;
        Seeded soloDeferred = options.solo() > 0 && target.canHoldRecorder() ? seed("Solo, recorder deferred", options.solo()) : null;
        kit(measured);
        System.out.println();

        List<Phase> phases = new ArrayList<>();
        if (warm != null) {
            int warmDuplicates = (int) Math.round(warm.ticketIds().size() * options.duplicates() / 100.0);
            phases.add(raw("raw UpdateItem (warm-up)", "w", warm.ticketIds().size(), warmDuplicates));
            phases.add(checkIns("check-in (warm-up)", warm, warmDuplicates));
        }
        Phase raw = raw("raw UpdateItem", "m", options.tickets(), duplicates);
        phases.add(raw);
        // -Dbench.jfr=FILE records the measured check-in phases only (set-up would swamp a profile)
        String jfr = System.getProperty("bench.jfr");
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        Measured live = measure("check-in", measured, duplicates);
        phases.add(live.phase());
        String behind = target.canHoldRecorder()
                ? target.recorderBacklog() + " check-in events still queued for the recorder when the phase ended" : null;
        Measured held = null;
        String drained = null;
        if (deferred != null) {
            target.holdRecorder(true);
            try {
                held = measure("check-in, recorder deferred", deferred, duplicates);
            } finally {
                target.holdRecorder(false);
            }
            phases.add(held.phase());
            drained = drain();
        }
        Phase soloRaw = null;
        Phase soloCheckIn = null;
        if (solo != null) {
            soloRaw = raw("raw UpdateItem, 1 thread", "s", options.solo(), 0, 1);
            phases.add(soloRaw);
            soloCheckIn = checkIns("check-in, 1 scanner", solo, 0, 1);
            phases.add(soloCheckIn);
        }
        Phase soloHeld = null;
        if (soloDeferred != null) {
            awaitRecorder();
            target.holdRecorder(true);
            try {
                soloHeld = checkIns("check-in, 1 scanner, recorder deferred", soloDeferred, 0, 1);
            } finally {
                target.holdRecorder(false);
            }
            phases.add(soloHeld);
        }
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(jfr));
            recording.close();
            System.out.println("JFR recording of the check-in phases: " + jfr);
        }

        System.out.println();
        System.out.println("| phase | operations | ops/s | p50 ms | p95 ms | p99 ms | max ms | wrong | errors | CPU s: JVM / node (dynalite) / PostgreSQL |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Phase p : phases) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.1f / %.1f / %s |%n", p.name(),
                    p.operations(), p.perSecond(), p.p50(), p.p95(), p.p99(), p.max(), p.wrong(), p.errors(), p.jvmCpu(),
                    p.nodeCpu(), p.postgresCpu() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", p.postgresCpu()));
        }
        System.out.println();
        for (Phase p : phases) {
            System.out.printf(Locale.ROOT, "%-30s answers: %s%n", p.name(), p.answers());
        }
        boolean correct = phases.stream().allMatch(p -> p.wrong() == 0 && p.errors() == 0);
        System.out.println();
        for (var run : deferred == null ? List.of(Map.entry(measured, live)) : List.of(Map.entry(measured, live), Map.entry(deferred, held))) {
            int admitted = get("/v1/orgs/" + orgId + "/events/" + run.getKey().eventId() + "/check-ins/offline-kit").get("admitted").size();
            correct &= admitted == options.tickets();
            Phase p = run.getValue().phase();
            double ratio = p.perSecond() / raw.perSecond();
            System.out.printf(Locale.ROOT, "%s:%n", p.name());
            System.out.printf(Locale.ROOT, "  wrong answers:      %d (+ %d without an answer); the hot table holds %d admissions for %d tickets%n",
                    p.wrong(), p.errors(), admitted, options.tickets());
            System.out.printf(Locale.ROOT, "  check-in / raw:     %.0f / %.0f ops/s = %.2f (target >= 0.60: %s)%n", p.perSecond(),
                    raw.perSecond(), ratio, ratio >= 0.60 ? "met" : "missed");
            System.out.printf(Locale.ROOT, "  p99 over raw p99:   %+.1f ms at %d concurrent scanners (%.1f against %.1f ms: queueing, i.e. "
                    + "concurrency / throughput)%n", p.p99() - raw.p99(), options.scanners(), p.p99(), raw.p99());
            System.out.println("  dashboard lag:      " + run.getValue().lag());
        }
        if (behind != null) {
            System.out.println("durable record:     " + behind);
        }
        if (drained != null) {
            System.out.println("                    " + drained);
        }
        if (soloRaw != null) {
            for (Phase p : soloHeld == null ? List.of(soloCheckIn) : List.of(soloCheckIn, soloHeld)) {
                double added = p.p99() - soloRaw.p99();
                System.out.printf(Locale.ROOT, "one at a time:      %s: a scan adds %.1f ms at p50 and %.1f ms at p99 over a raw "
                                + "write (check-in %.1f / %.1f ms, raw %.1f / %.1f ms; target p99 added <= 5 ms: %s)%n", p.name(),
                        p.p50() - soloRaw.p50(), added, p.p50(), p.p99(), soloRaw.p50(), soloRaw.p99(), added <= 5 ? "met" : "missed");
            }
        }
        System.out.println(correct ? "OK: every first scan admitted, every duplicate refused as already_checked_in"
                : "FAILED: wrong or missing answers, see above");
        return correct;
    }

    record Measured(Phase phase, String lag) {
    }

    /** A check-in phase watched by a dashboard client: the phase and the scan → WebSocket lag. */
    private Measured measure(String name, Seeded event, int duplicates) throws Exception {
        try {
            probe = DashboardProbe.open(target.dashboardWebSocket(), orgId, event.eventId(), organizerToken);
            Thread.sleep(500); // the snapshot: the count before the phase
        } catch (Exception e) {
            probe = null;
            System.out.println("dashboard: could not connect (" + e + ")");
        }
        long baseline = probe == null ? 0 : probe.highest();
        Phase phase = checkIns(name, event, duplicates);
        if (probe == null) {
            return new Measured(phase, "not measured (no dashboard connection)");
        }
        double[] l = probe.lags(baseline, Duration.ofSeconds(10));
        String lag = String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d messages; %d of %d admissions "
                        + "not on the dashboard 10 s after the phase, last count %d; target p99 <= 250 ms: %s)",
                l[0], l[1], l[2], (long) l[4], (long) l[3], event.ticketIds().size(), probe.highest() - baseline,
                l[3] == 0 && l[1] <= 250 ? "met" : "missed");
        probe.close();
        probe = null;
        return new Measured(phase, lag);
    }

    /** Lets the held recorder go and times how long it takes to empty its queue. */
    private String drain() throws InterruptedException {
        long backlog = target.recorderBacklog();
        long start = System.nanoTime();
        long left = awaitRecorder();
        double seconds = (System.nanoTime() - start) / 1e9;
        return left > 0
                ? String.format(Locale.ROOT, "%d queued check-in events, %d still queued after %.0f s", backlog, left, seconds)
                : String.format(Locale.ROOT, "%d check-in events queued when the recorder was let go, all recorded %.1f s "
                + "later (%.0f events/s)", backlog, seconds, backlog / seconds);
    }

    /** Waits (up to 5 minutes) until the recorder's queue is empty; what is left. */
    private long awaitRecorder() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long left = target.recorderBacklog();
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = target.recorderBacklog();
        }
        return left;
    }

    /**
     * Scan → WebSocket message lag: a dashboard client subscribed to the measured event before the
     * check-in phase. Each message carries the event's whole count, so the k-th admission (in the
     * order the scanners got their 200s) is on the dashboard when the first message with
     * {@code checkedIn >= k} arrives; its lag is that arrival minus its answer (0 if the message came
     * first). One WebSocket, as one organizer's screen.
     */
    static final class DashboardProbe implements java.net.http.WebSocket.Listener, AutoCloseable {
        private final List<long[]> messages = Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.ConcurrentLinkedQueue<Long> admittedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private java.net.http.WebSocket socket;

        static DashboardProbe open(String base, String orgId, String eventId, String token) throws Exception {
            DashboardProbe probe = new DashboardProbe();
            probe.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(base + "/?orgId=" + orgId + "&eventId=" + eventId + "&token=" + token), probe)
                    .get(10, TimeUnit.SECONDS);
            probe.socket.sendText("{\"action\": \"snapshot\"}", true);
            return probe;
        }

        void admitted() {
            admittedAt.add(System.nanoTime());
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                String text = partial.toString();
                partial.setLength(0);
                int at = text.indexOf("\"checkedIn\":");
                if (at >= 0) {
                    int start = at + 12;
                    while (start < text.length() && text.charAt(start) == ' ') {
                        start++;
                    }
                    int end = start;
                    while (end < text.length() && Character.isDigit(text.charAt(end))) {
                        end++;
                    }
                    if (end > start) {
                        messages.add(new long[] {now, Long.parseLong(text.substring(start, end))});
                    }
                }
            }
            ws.request(1);
            return null;
        }

        /**
         * p50, p99 and max lag in ms over the admissions that showed on the dashboard within the
         * wait, and how many did not show.
         */
        double[] lags(long baseline, Duration wait) throws InterruptedException {
            List<Long> answers = new ArrayList<>(admittedAt);
            Collections.sort(answers);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && highest() < baseline + answers.size()) {
                Thread.sleep(50);
            }
            List<long[]> seen;
            synchronized (messages) {
                seen = new ArrayList<>(messages);
            }
            List<Double> lag = new ArrayList<>();
            int m = 0;
            for (int k = 0; k < answers.size(); k++) {
                while (m < seen.size() && seen.get(m)[1] < baseline + k + 1) {
                    m++;
                }
                if (m == seen.size()) {
                    break;
                }
                lag.add(Math.max(0, seen.get(m)[0] - answers.get(k)) / 1e6);
            }
            double[] sorted = lag.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new double[] {FlashSaleBenchmark.percentile(sorted, 50), FlashSaleBenchmark.percentile(sorted, 99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1], answers.size() - sorted.length, seen.size()};
        }

        long highest() {
            synchronized (messages) {
                return messages.stream().mapToLong(x -> x[1]).max().orElse(0);
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    private volatile DashboardProbe probe;

    // ---- set-up ----    // ---- set-up ----

    private Seeded seed(String label, int tickets) throws Exception {
        long start = System.nanoTime();
        String slug = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Instant startsAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        String eventId = post("/v1/orgs/" + orgId + "/events", organizerToken, Map.of(
                "title", label + " door", "slug", slug + "-door-" + Long.toString(System.nanoTime(), 36),
                "type", "in_person", "startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofHours(8)).toString(),
                "timeZone", "Europe/Berlin", "location", Map.of("venue", "Messe Berlin", "city", "Berlin"))).get("id").asText();
        String eventPath = "/v1/orgs/" + orgId + "/events/" + eventId;
        List<String> types = new ArrayList<>();
        for (String name : List.of("General", "Student")) {
            types.add(post(eventPath + "/ticket-types", organizerToken, Map.of("name", name, "priceMinor", 0,
                    "currency", "EUR", "capacity", tickets)).get("id").asText());
        }
        post(eventPath + "/publish", organizerToken, null);

        int registrations = (tickets + TICKETS_PER_REGISTRATION - 1) / TICKETS_PER_REGISTRATION;
        String[] ids = new String[tickets];
        String[] codes = new String[tickets];
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < registrations; r++) {
                int first = r * TICKETS_PER_REGISTRATION;
                int count = Math.min(TICKETS_PER_REGISTRATION, tickets - first);
                String type = types.get(r % types.size());
                int registration = r;
                done.add(pool.submit(() -> {
                    String token = target.token("door-" + slug + "-" + registration + "@example.com",
                            "Buyer " + registration);
                    List<Map<String, Object>> wanted = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        wanted.add(Map.of("ticketTypeId", type, "attendeeName", "Attendee " + (first + i)));
                    }
                    JsonNode created = post("/v1/events/" + eventId + "/registrations", token, Map.of("tickets", wanted));
                    JsonNode issued = created.get("tickets");
                    for (int i = 0; i < count; i++) {
                        ids[first + i] = issued.get(i).get("id").asText();
                        codes[first + i] = issued.get(i).get("qrCode").asText();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double registered = (System.nanoTime() - start) / 1e9;
        long hotStart = System.nanoTime();
        awaitHotTable(eventId, tickets);
        double hot = (System.nanoTime() - hotStart) / 1e9;
        System.out.printf(Locale.ROOT, "Set-up (%s): %d tickets in %d registrations through the API in %.1f s; "
                + "the hot table held them all %.1f s later (not measured)%n", label, tickets, registrations, registered, hot);
        return new Seeded(eventId, List.of(ids), List.of(codes), registered, hot);
    }

    /** The door's copy is refreshed after each registration commits, beside the request: wait until it is complete. */
    private void awaitHotTable(String eventId, int tickets) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            int count = 0;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = dynamo.scan(b -> b.tableName("turnstile-check-ins").select(Select.COUNT)
                        .filterExpression("ev = :ev AND st = :st AND sk = :e")
                        .expressionAttributeValues(Map.of(":ev", AttributeValue.fromS(eventId),
                                ":st", AttributeValue.fromS("ISSUED"), ":e", AttributeValue.fromS("E")))
                        .exclusiveStartKey(from));
                count += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            if (count >= tickets) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hot table holds " + count + " of " + tickets + " tickets after 5 minutes");
            }
            Thread.sleep(1000);
        }
    }

    /** The offline kit of the measured event: its size is what a scanner device downloads. */
    private void kit(Seeded event) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = setup.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v1/orgs/" + orgId
                        + "/events/" + event.eventId() + "/check-ins/offline-kit"))
                .header("Authorization", "Bearer " + organizerToken).build(), HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("offline kit answered " + r.statusCode());
        }
        JsonNode kit = JSON.readTree(r.body());
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(r.body());
        }
        System.out.printf(Locale.ROOT, "Offline kit: %d tickets, %d keys, %,d bytes (%,d gzipped), served in %.0f ms%n",
                kit.get("tickets").size(), kit.get("keys").size(), r.body().length, gz.size(), ms);
    }

    // ---- the phases ----

    private Phase checkIns(String name, Seeded event, int duplicates) throws Exception {
        return checkIns(name, event, duplicates, options.scanners());
    }

    private Phase checkIns(String name, Seeded event, int duplicates, int scanners) throws Exception {
        URI uri = URI.create(target.baseUrl() + "/v1/orgs/" + orgId + "/events/" + event.eventId() + "/check-ins");
        int n = event.codes().size();
        byte[][] first = new byte[n][];
        byte[][] again = new byte[n][];
        for (int i = 0; i < n; i++) {
            String code = event.codes().get(i);
            first[i] = KeepAliveHttp.post(uri, organizerToken, "{\"code\":\"" + code + "\",\"scanId\":\"s-" + i
                    + "\",\"gate\":\"G" + (i % 8) + "\",\"device\":\"bench\"}");
            again[i] = KeepAliveHttp.post(uri, organizerToken, "{\"code\":\"" + code + "\",\"scanId\":\"d-" + i
                    + "\",\"gate\":\"G" + (i % 8) + "\",\"device\":\"bench\"}");
        }
        return phase(name, n, duplicates, scanners, (ticket, duplicate, connection) -> {
            KeepAliveHttp.Response r = connection.exchange(duplicate ? again[ticket] : first[ticket]);
            // a retried first scan may find its own admission (the first send arrived): "replay" is right then
            boolean right = duplicate
                    ? r.status() == 409 && r.body().contains("\"already_checked_in\"")
                    : r.status() == 200 && r.body().contains("\"checked_in\"") && (r.retried() || !r.body().contains("\"replay\""));
            DashboardProbe listening = probe;
            if (right && !duplicate && listening != null) {
                listening.admitted();
            }
            return right ? "ok" : r.status() + " " + code(r.body());
        });
    }

    /** The same count of conditional writes as the check-in phase, straight to the stand-in, through the same SDK client kind. */
    private Phase raw(String name, String run, int n, int duplicates) throws Exception {
        return raw(name, run, n, duplicates, options.scanners());
    }

    private Phase raw(String name, String run, int n, int duplicates, int threads) throws Exception {
        String prefix = "RAW#" + run + "#" + Long.toString(System.nanoTime(), 36) + "#";
        return phase(name, n, duplicates, threads, (ticket, duplicate, connection) -> {
            Map<String, AttributeValue> values = new HashMap<>();
            long at = System.currentTimeMillis();
            values.put(":at", AttributeValue.fromN(Long.toString(at)));
            values.put(":by", AttributeValue.fromS("00000000-0000-0000-0000-000000000000"));
            values.put(":byn", AttributeValue.fromS("Door Bench"));
            values.put(":gate", AttributeValue.fromS("G" + (ticket % 8)));
            values.put(":dev", AttributeValue.fromS("bench"));
            values.put(":scan", AttributeValue.fromS((duplicate ? "d-" : "s-") + ticket));
            values.put(":m", AttributeValue.fromS("QR"));
            values.put(":gpk", AttributeValue.fromS("CI#raw-" + run));
            values.put(":gsk", AttributeValue.fromS(String.format("%013d", at) + "#" + ticket + "#E"));
            try {
                dynamo.updateItem(b -> b.tableName("turnstile-check-ins")
                        .key(Map.of("pk", AttributeValue.fromS(prefix + ticket), "sk", AttributeValue.fromS("E")))
                        .updateExpression("SET ci_at = :at, ci_by = :by, ci_byn = :byn, ci_gate = :gate, ci_dev = :dev, "
                                + "ci_scan = :scan, ci_m = :m, gsi1pk = :gpk, gsi1sk = :gsk")
                        .conditionExpression("attribute_not_exists(ci_at)")
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW));
                return duplicate ? "written twice" : "ok";
            } catch (ConditionalCheckFailedException refused) {
                return duplicate ? "ok" : "refused";
            }
        });
    }

    /**
     * S workers take operations from one queue: every first scan, shuffled; a duplicate is queued
     * only once its first scan has been answered, so its right answer is known.
     */
    private Phase phase(String name, int n, int duplicates, int workers, Operation operation) throws Exception {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Random random = new Random(42);
        Collections.shuffle(order, random);
        boolean[] duplicated = new boolean[n];
        List<Integer> shuffledAgain = new ArrayList<>(order);
        Collections.shuffle(shuffledAgain, random);
        for (int i = 0; i < duplicates; i++) {
            duplicated[shuffledAgain.get(i % n)] = true;
        }
        LinkedBlockingQueue<long[]> queue = new LinkedBlockingQueue<>();
        for (int i : order) {
            queue.add(new long[] {i, 0});
        }
        int total = n + duplicates;
        AtomicInteger remaining = new AtomicInteger(total);
        AtomicInteger slot = new AtomicInteger();
        long[] latencies = new long[total];
        LongAdder wrong = new LongAdder();
        LongAdder errors = new LongAdder();
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        URI base = URI.create(target.baseUrl());
        int timeout = options.timeoutSeconds() * 1000;
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        double[] cpuBefore;
        long started;
        long ended;
        try (ExecutorService scanners = Executors.newFixedThreadPool(workers)) {
            for (int s = 0; s < workers; s++) {
                scanners.submit(() -> {
                    try (KeepAliveHttp connection = new KeepAliveHttp(base, timeout)) {
                        ready.countDown();
                        go.await();
                        while (remaining.get() > 0) {
                            long[] work = queue.poll(2, TimeUnit.MILLISECONDS);
                            if (work == null) {
                                continue;
                            }
                            int ticket = (int) work[0];
                            boolean duplicate = work[1] == 1;
                            long sent = System.nanoTime();
                            String outcome;
                            try {
                                outcome = operation.perform(ticket, duplicate, connection);
                            } catch (IOException | RuntimeException e) {
                                outcome = "error " + e.getClass().getSimpleName();
                                errors.increment();
                            }
                            latencies[slot.getAndIncrement()] = System.nanoTime() - sent;
                            if (!outcome.equals("ok") && !outcome.startsWith("error ")) {
                                wrong.increment();
                            }
                            answers.computeIfAbsent((duplicate ? "duplicate " : "first ") + outcome, k -> new LongAdder())
                                    .increment();
                            if (!duplicate && duplicated[ticket] && outcome.equals("ok")) {
                                queue.add(new long[] {ticket, 1});
                            }
                            remaining.decrementAndGet();
                            if (!duplicate && duplicated[ticket] && !outcome.equals("ok")) {
                                remaining.decrementAndGet(); // its duplicate has no right answer: not sent, counted with the first
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
            }
            ready.await();
            cpuBefore = cpu();
            started = System.nanoTime();
            go.countDown();
            while (remaining.get() > 0) {
                Thread.sleep(5);
            }
            ended = System.nanoTime();
        }
        double[] cpuAfter = cpu();
        int measured = slot.get();
        double[] ms = new double[measured];
        for (int i = 0; i < measured; i++) {
            ms[i] = latencies[i] / 1e6;
        }
        java.util.Arrays.sort(ms);
        double wallMs = (ended - started) / 1e6;
        Map<String, Long> byAnswer = new TreeMap<>();
        answers.forEach((k, v) -> byAnswer.put(k, v.sum()));
        Phase p = new Phase(name, total, wallMs, total / (wallMs / 1000), FlashSaleBenchmark.percentile(ms, 50),
                FlashSaleBenchmark.percentile(ms, 95), FlashSaleBenchmark.percentile(ms, 99), ms.length == 0 ? 0 : ms[ms.length - 1],
                (int) wrong.sum(), (int) errors.sum(), byAnswer, cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1],
                cpuAfter[2] < 0 || cpuBefore[2] < 0 ? -1 : cpuAfter[2] - cpuBefore[2]);
        System.out.printf(Locale.ROOT, "%-26s %6d ops in %6.0f ms: %5.0f ops/s, p50 %.1f ms, p99 %.1f ms, %d wrong, %d errors%n",
                name, total, wallMs, p.perSecond(), p.p50(), p.p99(), p.wrong(), p.errors());
        return p;
    }

    // ---- helpers ----

    private static String code(String body) {
        int at = body.indexOf("\"code\":\"");
        if (at < 0) {
            return "";
        }
        int end = body.indexOf('"', at + 8);
        return end < 0 ? "" : body.substring(at + 8, end);
    }

    private JsonNode post(String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = setup.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = setup.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .header("Authorization", "Bearer " + organizerToken).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /**
     * CPU seconds so far of this JVM, of the dynalite serving the runtime (found by its port) and of
     * PostgreSQL (every postgres process of the machine); -1 where unreadable.
     */
    private double[] cpu() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return new double[] {jvm, processCpu("node", "--port\0" + dynamoPort + "\0"), processCpu("postgres", null)};
    }

    private int dynamoPort;

    private static double processCpu(String command, String inCommandLine) {
        long ticks = 0;
        boolean any = false;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).startsWith(command)) {
                        continue;
                    }
                    if (inCommandLine != null && !(Files.readString(p.resolve("cmdline")) + "\0").contains(inCommandLine)) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    any = true;
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return any ? ticks / 100.0 : -1;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
