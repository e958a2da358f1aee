package dev.turnstile.checkin;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The dashboard's counts, kept per process: seeded from the hot table's admissions index and
 * PostgreSQL's issued tickets, then moved by check-in events as they arrive, and reseeded every
 * {@link #RESEED_EVERY} to heal what no event told (a publication that failed, tickets issued since,
 * events another container consumed).
 *
 * <p>Events apply exactly: each ticket and scope keeps the scan ids that admitted it and the scan
 * ids undone, so a duplicate delivery changes nothing, an undo removes exactly its scan, and an
 * undo that overtakes its check-in still wins. A reseed runs beside the events: what arrives while
 * the index is read is applied again on top of what was read.
 */
public final class DashboardTally {

    static final Duration RESEED_EVERY = Duration.ofSeconds(30);
    /** A tally no event feeds (a container that only answers snapshots) is re-read when older than this. */
    static final Duration UNFED_MAX_AGE = Duration.ofSeconds(1);

    private record Key(UUID ticketId, UUID sessionId) {
    }

    private record Entry(UUID ticketTypeId, String gate, Instant at) {
    }

    private final Transactions transactions;
    private final DoorState door;
    private final TicketSource source;
    private final Clock clock;
    private final Executor reseeds;
    private final Map<UUID, EventTally> events = new ConcurrentHashMap<>();
    /** True once this process receives check-in events: its tallies are then kept current by them. */
    private volatile boolean fed;

    /**
     * One per process: it holds the counts.
     *
     * @param reseeds where periodic reseeds run: the caller's thread in Lambda (a container freezes
     *                between invocations), a background thread in the local runtime
     */
    public static DashboardTally of(Transactions transactions, DoorState door, TicketSource source, Clock clock,
                                    Executor reseeds) {
        return new DashboardTally(transactions, door, source, clock, reseeds);
    }

    private DashboardTally(Transactions transactions, DoorState door, TicketSource source, Clock clock, Executor reseeds) {
        this.transactions = transactions;
        this.door = door;
        this.source = source;
        this.clock = clock;
        this.reseeds = reseeds;
    }

    /** The counts now, seeding the event first if this process has not seen it. */
    DashboardCounts counts(UUID orgId, UUID eventId) {
        EventTally tally = tracked(orgId, eventId);
        if (!fed && tally.seededAt.plus(UNFED_MAX_AGE).isBefore(clock.instant())) {
            reseed(tally);
        } else if (tally.seededAt.plus(RESEED_EVERY).isBefore(clock.instant()) && tally.startReseed()) {
            reseeds.execute(() -> reseed(tally));
        }
        return tally.counts(clock.instant());
    }

    /** Starts counting the event (read from the index now) if it is not counted yet. */
    void track(UUID orgId, UUID eventId) {
        tracked(orgId, eventId);
    }

    /** Applies check-in events to the events already counted; others are read from the index when first asked for. */
    void apply(List<CheckInEvent> batch) {
        fed = true;
        for (CheckInEvent event : batch) {
            EventTally tally = events.get(event.eventId());
            if (tally != null && tally.orgId.equals(event.orgId())) {
                tally.apply(event);
            }
        }
    }

    private EventTally tracked(UUID orgId, UUID eventId) {
        EventTally tally = events.get(eventId);
        if (tally == null || !tally.orgId.equals(orgId)) {
            EventTally fresh = new EventTally(orgId, eventId);
            // journal first, then visible: events applied while the index is read are applied again on top
            fresh.startReseed();
            EventTally raced = events.putIfAbsent(eventId, fresh);
            if (raced == null || !raced.orgId.equals(orgId)) {
                try {
                    reseed(fresh);
                } catch (RuntimeException e) {
                    events.remove(eventId, fresh);
                    throw e;
                } finally {
                    fresh.ready.countDown();
                }
                return fresh;
            }
            tally = raced;
        }
        try {
            if (!tally.ready.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("The dashboard counts of event " + eventId + " are still being read");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the dashboard counts were read", e);
        }
        return tally;
    }

    private void reseed(EventTally tally) {
        try {
            List<DoorState.Admission> admissions = door.admissions(tally.eventId);
            List<TicketSource.Expected> expected = transactions.read(TenantContext.system(tally.orgId),
                    () -> source.expected(tally.eventId));
            tally.finishReseed(admissions, expected, clock.instant());
        } catch (RuntimeException e) {
            tally.abandonReseed();
            throw e;
        }
    }

    /**
     * One event's counts. Every method holds the tally's lock; the index is read without it. The
     * totals move with each event (a ticket and scope counts once, as its earliest scan), so a push
     * costs the same at the 20,000th admission as at the first.
     */
    private static final class EventTally {
        /** A ticket and scope admitted by two scans (an undo not seen yet) counts as its earliest; ties by scan id. */
        private static final Comparator<Map.Entry<String, Entry>> FIRST =
                Comparator.<Map.Entry<String, Entry>, Instant>comparing(e -> e.getValue().at()).thenComparing(Map.Entry::getKey);

        final UUID orgId;
        final UUID eventId;
        /** Per ticket and scope: the scans that admitted it and are not undone (normally one). */
        Map<Key, Map<String, Entry>> live = new HashMap<>();
        final Set<String> undone = new HashSet<>();
        List<TicketSource.Expected> expected = List.of();
        long checkedIn;
        final Map<UUID, Long> byType = new HashMap<>();
        final Map<UUID, Long> bySession = new TreeMap<>();
        final Map<String, Long> byGate = new TreeMap<>();
        Instant seededAt = Instant.EPOCH;
        /** Events applied while a reseed reads the index, applied again on top of what it read. */
        List<CheckInEvent> journal;
        /** Open once the first read of the index is done. */
        final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);

        EventTally(UUID orgId, UUID eventId) {
            this.orgId = orgId;
            this.eventId = eventId;
        }

        synchronized boolean startReseed() {
            if (journal != null) {
                return false;
            }
            journal = new ArrayList<>();
            return true;
        }

        synchronized void abandonReseed() {
            journal = null;
        }

        synchronized void finishReseed(List<DoorState.Admission> admissions, List<TicketSource.Expected> expected,
                                       Instant now) {
            Map<Key, Map<String, Entry>> read = new HashMap<>();
            for (DoorState.Admission a : admissions) {
                read.computeIfAbsent(new Key(a.ticketId(), a.scope().sessionId()), k -> new HashMap<>(2))
                        .put(a.scanId(), new Entry(a.ticketTypeId(), a.gate(), a.at()));
            }
            live = read;
            checkedIn = 0;
            byType.clear();
            bySession.clear();
            byGate.clear();
            live.forEach((key, scans) -> count(key, first(scans), 1));
            this.expected = List.copyOf(expected);
            List<CheckInEvent> during = journal == null ? List.of() : journal;
            journal = null;
            during.forEach(this::applyNow);
            seededAt = now;
        }

        synchronized void apply(CheckInEvent event) {
            if (journal != null) {
                journal.add(event);
            }
            applyNow(event);
        }

        private void applyNow(CheckInEvent e) {
            Key key = new Key(e.ticketId(), e.sessionId());
            String undoKey = e.ticketId() + "/" + e.sessionId() + "/" + e.scanId();
            Map<String, Entry> scans;
            if (e.kind() == CheckInEvent.Kind.UNDONE) {
                undone.add(undoKey);
                scans = live.get(key);
                if (scans == null || !scans.containsKey(e.scanId())) {
                    return;
                }
            } else if (undone.contains(undoKey)) {
                return;
            } else {
                scans = live.computeIfAbsent(key, k -> new HashMap<>(2));
            }
            Entry before = first(scans);
            if (e.kind() == CheckInEvent.Kind.UNDONE) {
                scans.remove(e.scanId());
                if (scans.isEmpty()) {
                    live.remove(key);
                }
            } else {
                scans.put(e.scanId(), new Entry(e.ticketTypeId(), e.gate(), e.at()));
            }
            Entry after = first(scans);
            if (before != after) {
                count(key, before, -1);
                count(key, after, 1);
            }
        }

        private static Entry first(Map<String, Entry> scans) {
            return scans.isEmpty() ? null : scans.entrySet().stream().min(FIRST).orElseThrow().getValue();
        }

        private void count(Key key, Entry entry, long sign) {
            if (entry == null) {
                return;
            }
            if (key.sessionId() != null) {
                add(bySession, key.sessionId(), sign);
                return;
            }
            checkedIn += sign;
            if (entry.ticketTypeId() != null) {
                add(byType, entry.ticketTypeId(), sign);
            }
            add(byGate, entry.gate(), sign);
        }

        private static <K> void add(Map<K, Long> counts, K key, long sign) {
            counts.merge(key, sign, (a, b) -> a + b == 0 ? null : a + b);
        }

        synchronized DashboardCounts counts(Instant now) {
            Map<UUID, DashboardCounts.TicketTypeCount> types = new LinkedHashMap<>();
            long expectedTotal = 0;
            for (TicketSource.Expected x : expected) {
                expectedTotal += x.tickets();
                types.put(x.ticketTypeId(), new DashboardCounts.TicketTypeCount(x.ticketTypeId(), x.ticketTypeName(),
                        byType.getOrDefault(x.ticketTypeId(), 0L), x.tickets()));
            }
            // a type created after the last reseed: counted now, named at the next one
            byType.forEach((type, n) -> types.putIfAbsent(type, new DashboardCounts.TicketTypeCount(type, "", n, 0)));
            return new DashboardCounts(eventId, now, checkedIn, expectedTotal, List.copyOf(types.values()),
                    bySession.entrySet().stream().map(s -> new DashboardCounts.SessionCount(s.getKey(), s.getValue())).toList(),
                    byGate.entrySet().stream().map(g -> new DashboardCounts.GateCount(g.getKey(), g.getValue())).toList());
        }
    }
}
