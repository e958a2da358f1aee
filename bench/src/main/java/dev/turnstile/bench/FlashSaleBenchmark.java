package dev.turnstile.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.adapters.jdbc.PostgresServer;
import dev.turnstile.local.LocalRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A flash sale over HTTP: N clients register for one ticket type of capacity C at the same
 * instant, each with its own user and bearer token, one request each. Prints throughput, latency
 * percentiles, the answers by status and problem code, and checks through the organizer API that
 * nothing was oversold, lost or duplicated. Exits 1 when a check fails, 2 on bad options.
 *
 * <p>Set-up (organization, event, ticket type, publishing, minting the N tokens, building the
 * requests) happens before the clock starts. Each round uses a fresh event, and every measured
 * request opens its own connection when the sale opens, as N separate browsers would; one
 * thread drives the whole crowd ({@link Crowd}). See docs/benchmarks.md.
 */
public final class FlashSaleBenchmark {

    static final String USAGE = """
            usage: ./turnstile bench [--clients N] [--capacity C] [--price MINOR] [--target URL]
                                     [--warmup W] [--rounds R] [--timeout SECONDS] [--connections open|fresh]
              --clients N   concurrent clients, one registration attempt each     (default 1000)
              --capacity C  capacity of the ticket type on sale                   (default 100)
              --price MINOR price in EUR cents; > 0 holds seats (pending), 0 sells (confirmed) (default 2500)
              --target URL  a running local runtime (its /dev/tokens mints the tokens); default:
                            start one in this JVM on a random port with a throwaway database
              --warmup W    warm-up rounds, reported but not counted, every other one selling to
                            every client: until the JIT has compiled the paths a sale takes, it
                            competes with them for the two cores                  (default 20)
              --rounds R    measured rounds, each on a fresh event                 (default 1)
              --timeout S   per-request timeout; a request without an answer by then is missing (default 60)
              --connections open: each client's connection is open before the sale opens, as a
                            browser showing the sale page holds one, and the clock runs from its
                            request; fresh: each client connects when the sale opens, inside the
                            measured time                                         (default fresh)
            Each option may also be given as a system property: -Dbench.clients=N, ...
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    record Options(int clients, int capacity, long price, String target, int warmup, int rounds, int timeoutSeconds,
                   boolean freshConnections) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (String name : List.of("clients", "capacity", "price", "target", "warmup", "rounds", "timeout",
                    "connections")) {
                String value = System.getProperty("bench." + name);
                if (value != null && !value.isBlank()) {
                    given.put(name, value);
                }
            }
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    throw new IllegalArgumentException("");
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                given.put(name, value);
            }
            Options o = new Options(
                    positive(given.remove("clients"), "clients", 1000),
                    positive(given.remove("capacity"), "capacity", 100),
                    number(given.remove("price"), "price", 2500),
                    given.remove("target"),
                    (int) number(given.remove("warmup"), "warmup", 20),
                    positive(given.remove("rounds"), "rounds", 1),
                    positive(given.remove("timeout"), "timeout", 60),
                    fresh(given.remove("connections")));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + given.keySet().iterator().next());
            }
            return o;
        }

        private static boolean fresh(String value) {
            if (value == null || value.equals("fresh")) {
                return true;
            }
            if (value.equals("open")) {
                return false;
            }
            throw new IllegalArgumentException("--connections must be open or fresh, not " + value);
        }

        private static long number(String value, String name, long fallback) {
            if (value == null) {
                return fallback;
            }
            try {
                long n = Long.parseLong(value.strip());
                if (n < 0) {
                    throw new IllegalArgumentException("--" + name + " must not be negative");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
            }
        }

        private static int positive(String value, String name, int fallback) {
            long n = number(value, name, fallback);
            if (n < 1 || n > 1_000_000) {
                throw new IllegalArgumentException("--" + name + " must be between 1 and 1000000");
            }
            return (int) n;
        }
    }

    // ---- where the runtime is ----

    interface Target extends AutoCloseable {
        String baseUrl();

        String token(String email, String name) throws IOException, InterruptedException;

        String describe();

        /** The DynamoDB stand-in the runtime uses (the check-in benchmark measures its ceiling). */
        URI dynamoEndpoint() throws IOException, InterruptedException;

        /** The live dashboard's WebSocket base URL ({@code ws://localhost:<port>}). */
        String dashboardWebSocket() throws IOException, InterruptedException;

        /** Whether the durable record's queue consumer can be held (the runtime in this JVM only). */
        default boolean canHoldRecorder() {
            return false;
        }

        default void holdRecorder(boolean hold) {
            throw new UnsupportedOperationException("Only the runtime in this JVM can hold its queue consumers");
        }

        /** Check-in events waiting in, or being handled from, the recorder's queue. */
        default long recorderBacklog() {
            throw new UnsupportedOperationException("Only the runtime in this JVM reports its queues");
        }

        @Override
        void close();
    }

    /** The local runtime in this JVM, on a random port, with its own database, dropped at the end. */
    static final class InProcess implements Target {
        private final String database;
        private final LocalRuntime runtime;

        InProcess() {
            byte[] random = new byte[4];
            ThreadLocalRandom.current().nextBytes(random);
            database = "turnstile_bench_" + HexFormat.of().formatHex(random);
            runtime = LocalRuntime.start(new LocalRuntime.Settings(0, database, false));
        }

        @Override
        public String baseUrl() {
            return runtime.baseUrl();
        }

        @Override
        public String token(String email, String name) {
            return runtime.tokenFor(email, name);
        }

        @Override
        public URI dynamoEndpoint() {
            return runtime.dynamoEndpoint();
        }

        @Override
        public String dashboardWebSocket() {
            return runtime.webSocketUrl();
        }

        @Override
        public boolean canHoldRecorder() {
            return true;
        }

        @Override
        public void holdRecorder(boolean hold) {
            runtime.holdQueueConsumers(hold);
        }

        @Override
        public long recorderBacklog() {
            return runtime.queueBacklog();
        }

        @Override
        public String describe() {
            return "local runtime in this JVM at " + baseUrl() + ", database " + database + " (dropped at the end)";
        }

        @Override
        public void close() {
            runtime.close();
            String mode = env("TURNSTILE_DB_MODE", "auto");
            if (mode.equals("embedded")) {
                return; // the embedded server and its data are gone with the runtime
            }
            try (PostgresServer server = PostgresServer.locate(env("TURNSTILE_DB_HOST", "127.0.0.1"),
                    Integer.parseInt(env("TURNSTILE_DB_PORT", "5432")), env("TURNSTILE_DB_ADMIN_USER", "postgres"),
                    "server")) {
                server.dropDatabase(database);
            } catch (IllegalStateException e) {
                // no server answers: the runtime ran on an embedded one, gone with it
            }
        }
    }

    /** A runtime started elsewhere (./turnstile run): tokens come from its dev issuer. */
    static final class Remote implements Target {
        private final String baseUrl;
        private final HttpClient http;

        Remote(String baseUrl, HttpClient http) {
            this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            this.http = http;
        }

        @Override
        public String baseUrl() {
            return baseUrl;
        }

        @Override
        public String token(String email, String name) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/dev/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "name", name))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("POST /dev/tokens answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body()).get("token").asText();
        }

        @Override
        public String describe() {
            return "local runtime at " + baseUrl + " (started separately)";
        }

        @Override
        public String dashboardWebSocket() throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String template = JSON.readTree(r.body()).path("dashboardWebSocket").asText("");
            return template.contains("/?") ? template.substring(0, template.indexOf("/?")) : template;
        }

        /** The runtime's index ({@code GET /}) names its stand-ins' loopback endpoints. */
        @Override
        public URI dynamoEndpoint() throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String endpoint = JSON.readTree(r.body()).path("standIns").path("dynamodb").asText("");
            if (endpoint.isEmpty()) {
                throw new IllegalStateException(baseUrl + "/ does not name its DynamoDB stand-in (an older runtime?)");
            }
            return URI.create(endpoint);
        }

        @Override
        public void close() {
        }
    }

    // ---- one answer, one round ----

    /** What one client saw: status -1 when no answer came (error names what happened instead). */
    record RoundResult(int round, boolean warmup, int attempts, double wallMs, double attemptsPerSecond, double p50,
                       double p95, double p99, double max, Map<String, Integer> byOutcome, int sold, int capacity,
                       int oversoldBy201s, int seatsTaken, int oversoldInDatabase, int listed, int lost, int duplicated,
                       int unexpectedlyListed, int serverErrors, int missing, int unexpected, int undersold,
                       Instant openedAt, double lastSentMs, String timeline, double jvmCpuSeconds, double postgresCpuSeconds) {

        boolean correct() {
            return oversoldBy201s == 0 && oversoldInDatabase == 0 && serverErrors == 0 && missing == 0 && lost == 0
                    && duplicated == 0 && unexpectedlyListed == 0 && unexpected == 0 && undersold == 0
                    && seatsTaken == sold && listed == sold;
        }

        boolean meetsTarget() {
            return attemptsPerSecond >= 1000 && p99 <= 250;
        }
    }

    private final Options options;
    private final Target target;
    private final HttpClient setupClient;
    private String organizerToken;
    private String orgId;
    private List<String> attendeeTokens;

    FlashSaleBenchmark(Options options, Target target, HttpClient setupClient) {
        this.options = options;
        this.target = target;
        this.setupClient = setupClient;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkMain.quietLogs("warn");
        Options options = BenchmarkMain.optionsOrExit("bench", USAGE, args, Options::parse);
        HttpClient setup = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        boolean ok;
        try (Target target = options.target() == null ? new InProcess() : new Remote(options.target(), setup)) {
            ok = new FlashSaleBenchmark(options, target, setup).run();
        }
        System.exit(ok ? 0 : 1);
    }

    boolean run() throws Exception {
        System.out.printf(Locale.ROOT, "Flash sale: %d clients, capacity %d, price %d EUR cents (%s)%n", options.clients(),
                options.capacity(), options.price(), options.price() > 0 ? "paid: seats are held, registrations pending"
                        : "free: seats are sold, registrations confirmed");
        System.out.printf(Locale.ROOT, "Connections: %s%n", options.freshConnections()
                ? "fresh: each client connects when the sale opens (connecting is in the measured time)"
                : "open: each client connected before the sale opens; the clock runs from its request");
        System.out.printf(Locale.ROOT, "Target: %s%n", target.describe());
        System.out.printf(Locale.ROOT, "Machine: %d cores seen by the JVM, Java %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());

        long setupStart = System.nanoTime();
        organizerToken = target.token("bench-organizer@example.com", "Bench Organizer");
        orgId = post("/v1/orgs", organizerToken, Map.of("name", "Flash sale bench",
                "slug", "bench-" + Long.toString(System.nanoTime(), 36)), 201).get("id").asText();
        attendeeTokens = mintTokens(options.clients());
        System.out.printf(Locale.ROOT, "Set-up: organization %s and %d attendee tokens in %.1f s (not measured)%n%n", orgId,
                options.clients(), (System.nanoTime() - setupStart) / 1e9);

        List<RoundResult> measured = new ArrayList<>();
        boolean ok = true;
        int total = options.warmup() + options.rounds();
        // -Dbench.jfr=FILE records the measured rounds only (set-up and warm-up would swamp a profile)
        String jfr = System.getProperty("bench.jfr");
        jdk.jfr.Recording recording = null;
        for (int round = 1; round <= total; round++) {
            boolean warmup = round <= options.warmup();
            if (!warmup && jfr != null && recording == null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1)); // a round lasts about a second
                recording.start();
            }
            // every other warm-up round sells to every client: a round of the sale itself sells only
            // C seats, too few for the JIT to finish compiling the sale's path in 20 rounds (it was
            // still compiling it in the measured rounds, a third of the JVM's CPU at 100 clients)
            int capacity = warmup && round % 2 == 1 ? Math.max(options.capacity(), options.clients()) : options.capacity();
            RoundResult r = round(round, warmup, capacity);
            print(r);
            ok &= r.correct();
            if (!warmup) {
                measured.add(r);
            }
        }
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(jfr));
            recording.close();
            System.out.println("JFR recording of the measured rounds: " + jfr);
        }
        summary(measured, ok);
        return ok;
    }

    private List<String> mintTokens(int n) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()))) {
            List<Future<String>> minted = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int client = i;
                minted.add(pool.submit(() -> target.token("bench-attendee-" + client + "@example.com",
                        "Attendee " + client)));
            }
            List<String> tokens = new ArrayList<>(n);
            for (Future<String> f : minted) {
                tokens.add(f.get());
            }
            return tokens;
        }
    }

    private RoundResult round(int round, boolean warmup, int seats) throws Exception {
        // ---- set-up, not measured: a fresh event with one ticket type on sale, and every request built ----
        Instant startsAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        String eventId = post("/v1/orgs/" + orgId + "/events", organizerToken, Map.of(
                "title", "Flash sale " + round, "slug", "flash-sale-" + round + "-" + Long.toString(System.nanoTime(), 36),
                "type", "in_person", "startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofHours(8)).toString(),
                "timeZone", "Europe/Berlin", "location", Map.of("venue", "Messe Berlin", "city", "Berlin")), 201)
                .get("id").asText();
        String eventPath = "/v1/orgs/" + orgId + "/events/" + eventId;
        String ticketTypeId = post(eventPath + "/ticket-types", organizerToken, Map.of("name", "Flash sale",
                "priceMinor", options.price(), "currency", "EUR", "capacity", seats), 201).get("id").asText();
        post(eventPath + "/publish", organizerToken, null, 200);

        URI registerUri = URI.create(target.baseUrl() + "/v1/events/" + eventId + "/registrations");
        List<byte[]> requests = new ArrayList<>(options.clients());
        for (int i = 0; i < options.clients(); i++) {
            String body = JSON.writeValueAsString(Map.of("tickets",
                    List.of(Map.of("ticketTypeId", ticketTypeId, "attendeeName", "Attendee " + i))));
            requests.add(OneShotHttp.post(registerUri, attendeeTokens.get(i), body));
        }
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, options.timeoutSeconds() * 1000L);

        // ---- the sale: every client waits at the gate, then all send at once ----
        List<Crowd.Answer> answers = new ArrayList<>(options.clients());
        long opened;
        double[] cpuBefore;
        Instant openedAt;
        try (Crowd crowd = options.freshConnections() ? Crowd.fresh(registerUri, requests)
                : Crowd.connected(registerUri, requests)) {
            cpuBefore = cpuSeconds();
            openedAt = Instant.now();
            opened = System.nanoTime();
            answers.addAll(crowd.run(timeoutMillis));
        }
        long last = answers.stream().mapToLong(Crowd.Answer::answeredNanos).max().orElse(opened);
        double[] cpuAfter = cpuSeconds();
        double lastSentMs = (answers.stream().mapToLong(Crowd.Answer::sentNanos).max().orElse(opened) - opened) / 1e6;
        String timeline = timeline(answers, opened);

        // ---- the figures ----
        double wallMs = (last - opened) / 1e6;
        double[] latencies = answers.stream().mapToDouble(Crowd.Answer::latencyMs).sorted().toArray();
        Map<String, Integer> byOutcome = new TreeMap<>();
        List<String> createdIds = new ArrayList<>();
        int serverErrors = 0;
        int missing = 0;
        int unexpected = 0;
        int soldOut = 0;
        for (Crowd.Answer a : answers) {
            String outcome;
            if (a.status() < 0) {
                outcome = "no answer (" + a.error() + ")";
                missing++;
            } else {
                JsonNode body = parse(a.body());
                if (a.status() == 201) {
                    outcome = "201 " + body.path("status").asText("?");
                    createdIds.add(body.path("id").asText());
                } else {
                    String code = body.path("code").asText("");
                    outcome = a.status() + (code.isEmpty() ? "" : " " + code);
                    if (a.status() >= 500) {
                        serverErrors++;
                    } else if (a.status() == 409 && code.equals("sold_out")) {
                        soldOut++;
                    } else {
                        unexpected++;
                    }
                }
            }
            byOutcome.merge(outcome, 1, Integer::sum);
        }
        int sold = createdIds.size();

        // ---- the checks, as the organizer sees it through the API ----
        JsonNode type = null;
        for (JsonNode t : get(eventPath + "/ticket-types").get("items")) {
            if (t.get("id").asText().equals(ticketTypeId)) {
                type = t;
            }
        }
        if (type == null) {
            throw new IllegalStateException("ticket type " + ticketTypeId + " is not in its event's list");
        }
        int seatsTaken = type.get("quantitySold").asInt() + type.get("quantityHeld").asInt();
        int capacity = type.get("capacity").asInt();
        Map<String, Integer> listed = new LinkedHashMap<>();
        String cursor = null;
        do {
            JsonNode page = get(eventPath + "/registrations?limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            for (JsonNode registration : page.get("items")) {
                listed.merge(registration.get("id").asText(), 1, Integer::sum);
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        Map<String, Integer> answered = new HashMap<>();
        createdIds.forEach(id -> answered.merge(id, 1, Integer::sum));
        int lost = (int) answered.keySet().stream().filter(id -> !listed.containsKey(id)).count();
        int duplicated = (int) (answered.values().stream().filter(n -> n > 1).count()
                + listed.values().stream().filter(n -> n > 1).count());
        int unexpectedlyListed = (int) listed.keySet().stream().filter(id -> !answered.containsKey(id)).count();
        // a sold_out while seats were left would turn away a buyer who should have had one
        int undersold = soldOut > 0 ? Math.max(0, Math.min(options.clients(), capacity) - sold) : 0;

        return new RoundResult(round, warmup, answers.size(), wallMs, answers.size() / (wallMs / 1000), percentile(latencies, 50),
                percentile(latencies, 95), percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1],
                byOutcome, sold, capacity, Math.max(0, sold - capacity), seatsTaken, Math.max(0, seatsTaken - capacity),
                listed.size(), lost, duplicated, unexpectedlyListed, serverErrors, missing, unexpected, undersold, openedAt, lastSentMs, timeline,
                cpuAfter[0] - cpuBefore[0], cpuAfter[1] < 0 || cpuBefore[1] < 0 ? -1 : cpuAfter[1] - cpuBefore[1]);
    }

    /** When the answers of each status arrived, in ms after the gate opened: "201 at 12-180 ms, 409 at 181-310 ms". */
    static String timeline(List<Crowd.Answer> answers, long opened) {
        Map<Integer, long[]> spans = new TreeMap<>();
        for (Crowd.Answer a : answers) {
            long at = a.answeredNanos() - opened;
            spans.merge(a.status(), new long[] {at, at}, (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
        }
        return String.join(", ", spans.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s at %.0f-%.0f ms", e.getKey() < 0 ? "no answer" : e.getKey(),
                        e.getValue()[0] / 1e6, e.getValue()[1] / 1e6))
                .toList());
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static void print(RoundResult r) {
        System.out.printf(Locale.ROOT, "Round %d (%s)%n", r.round(), r.warmup() ? "warm-up, not counted" : "measured");
        System.out.printf(Locale.ROOT, "  attempts        %d in %.0f ms wall time: %.0f attempts/s%n", r.attempts(), r.wallMs(),
                r.attemptsPerSecond());
        System.out.printf(Locale.ROOT, "  latency         p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", r.p50(), r.p95(),
                r.p99(), r.max());
        System.out.printf(Locale.ROOT, "  clients         the gate opened at %s; the last client sent %.0f ms later%n",
                r.openedAt(), r.lastSentMs());
        System.out.printf(Locale.ROOT, "  answered        %s after the gate opened%n", r.timeline());
        System.out.printf(Locale.ROOT, "  cpu             this JVM %.2f s, PostgreSQL %s over the %.0f ms (%d cores: %.0f %% busy)%n",
                r.jvmCpuSeconds(), r.postgresCpuSeconds() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s", r.postgresCpuSeconds()),
                r.wallMs(), Runtime.getRuntime().availableProcessors(),
                100 * (r.jvmCpuSeconds() + Math.max(0, r.postgresCpuSeconds())) / (r.wallMs() / 1000)
                        / Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  answers         %s%n", String.join(", ",
                r.byOutcome().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
        System.out.printf(Locale.ROOT, "  sold (201)      %d of capacity %d%n", r.sold(), r.capacity());
        System.out.printf(Locale.ROOT, "  oversold        %d (201s over capacity: %d; ticket type sold + held = %d of %d: over by %d)%n",
                Math.max(r.oversoldBy201s(), r.oversoldInDatabase()), r.oversoldBy201s(), r.seatsTaken(), r.capacity(),
                r.oversoldInDatabase());
        System.out.printf(Locale.ROOT, "  registrations   %d listed to the organizer: %d of the 201s missing (lost), %d duplicated, %d without a 201%n",
                r.listed(), r.lost(), r.duplicated(), r.unexpectedlyListed());
        System.out.printf(Locale.ROOT, "  errors          %d 5xx, %d without an answer, %d other unexpected answers%s%n",
                r.serverErrors(), r.missing(), r.unexpected(),
                r.undersold() > 0 ? ", " + r.undersold() + " seats left unsold while clients were told sold_out" : "");
        System.out.printf(Locale.ROOT, "  correct         %s; target (>= 1000 attempts/s, p99 <= 250 ms) %s%n%n",
                r.correct() ? "yes" : "NO", r.meetsTarget() ? "met" : "missed");
    }

    private void summary(List<RoundResult> measured, boolean ok) {
        System.out.println("Measured rounds (markdown):");
        System.out.println("| clients | capacity | attempts/s | p50 ms | p95 ms | p99 ms | max ms | sold | oversold | errors | lost/dup |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (RoundResult r : measured) {
            System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d/%d |%n",
                    options.clients(), r.capacity(), r.attemptsPerSecond(), r.p50(), r.p95(), r.p99(), r.max(), r.sold(),
                    Math.max(r.oversoldBy201s(), r.oversoldInDatabase()), r.serverErrors() + r.missing() + r.unexpected(),
                    r.lost() + r.unexpectedlyListed(), r.duplicated());
        }
        System.out.println();
        System.out.println(ok ? "OK: nothing oversold, lost or duplicated; every client answered without a 5xx"
                : "FAILED: see the rounds above");
    }

    // ---- HTTP for set-up and checks ----

    private JsonNode post(String path, String token, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = setupClient.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = setupClient.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .header("Authorization", "Bearer " + organizerToken).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * CPU seconds used so far by this JVM and by the PostgreSQL processes of this machine (-1 when
     * they cannot be read: not Linux, or the database runs elsewhere): where the sale's time went.
     */
    static double[] cpuSeconds() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        double postgres = -1;
        try (var procs = Files.list(Path.of("/proc"))) {
            long ticks = 0;
            boolean any = false;
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    // fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the command
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    any = true;
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
            if (any) {
                postgres = ticks / 100.0; // USER_HZ, 100 on Linux
            }
        } catch (IOException | RuntimeException e) {
            postgres = -1;
        }
        return new double[] {jvm, postgres};
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
