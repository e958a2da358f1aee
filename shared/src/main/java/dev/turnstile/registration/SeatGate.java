package dev.turnstile.registration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Admission to a ticket type's conditional write, in this process: no more buyers of a type are
 * let into a transaction at once than the seats the database last said were left (and never more
 * than {@link #MAX_INSIDE} seats' worth), and once it says none are left the rest are told "sold
 * out" without one. In a flash sale the crowd behind
 * the last seat would otherwise each open a transaction (and queue for a pooled connection) only
 * to read that; here they wait in line, in arrival order, and are answered the moment the last
 * seat's buyer commits.
 *
 * <p>It only ever holds back or refuses: every sale is still decided by the conditional write in
 * the database, so it cannot oversell. What it knows is a committed count, remembered for
 * {@link #KNOWN_FOR_NANOS}: a seat freed by another process (another Lambda container) is sold
 * again at most that long after; seats freed in this process make it forget at once ({@link
 * #forget}). A buyer waits at most {@code maxWaitNanos}, then goes to the database unadmitted.
 * In a Lambda container, which serves one request at a time, nobody ever waits: it only remembers
 * "sold out" (docs/inventory.md, "Sold-out answers").
 */
public final class SeatGate {

    static final long KNOWN_FOR_NANOS = 250_000_000L;
    static final long MAX_WAIT_NANOS = 2_000_000_000L;
    /**
     * Buyers of one type inside a transaction at once. The type's row is locked from a buyer's
     * take to its commit, so more of them mostly wait on that lock (each commit wakes the next in
     * PostgreSQL); a few keep the others' reads and inserts overlapping the locked commit.
     * Benchmarked (docs/benchmarks.md): 8 spent the most database CPU; with the JIT warm and the
     * crowd's own work out of the clock, 4 finished the sale sooner than 2 or 3.
     */
    static final int MAX_INSIDE = 4;
    /** Buyers of one type inside at once whose orders are sold in batches (Register.MAX_BATCH to a batch). */
    static final int MAX_INSIDE_TOGETHER = 32;
    private static final int UNKNOWN = -1;
    private static final int MAX_LINES = 10_000;

    /** What the gate answers a buyer who may not go on: the first type of the order with no seat left. */
    public record SoldOut(String ticketTypeName) {
    }

    private final Map<UUID, Line> lines = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final long maxWaitNanos;
    private final int maxInside;

    SeatGate(LongSupplier nanoTime, long maxWaitNanos, int maxInside) {
        this.nanoTime = nanoTime;
        this.maxWaitNanos = maxWaitNanos;
        this.maxInside = maxInside;
    }

    /** One per process, shared by whatever sells and whatever gives seats back. */
    public static SeatGate create() {
        return new SeatGate(System::nanoTime, MAX_WAIT_NANOS, MAX_INSIDE);
    }

    /**
     * Lets the order in, waiting in line while the seats left are spoken for by buyers already in.
     * Types are entered in id order (the database's lock order), so two orders never wait on each
     * other in a circle.
     *
     * @param perType  seats wanted per ticket type
     * @param mayRefuse false for a buyer who must hear the database's answer (a retry with an
     *                  idempotency key may find its earlier registration): it waits, but is let
     *                  in where others would be refused
     * @param together  the order is sold in a batch with others: those wait for their batch's one
     *                  transaction, not for the type's row, so up to {@link #MAX_INSIDE_TOGETHER}
     *                  of them are let in at once
     * @return the pass to {@link Pass#close()} when the attempt is over, or the refusal
     */
    public Admission enter(Map<UUID, Integer> perType, boolean mayRefuse, boolean together) {
        int cap = together ? Math.max(maxInside, MAX_INSIDE_TOGETHER) : maxInside;
        Pass pass = new Pass();
        for (UUID type : new java.util.TreeSet<>(perType.keySet())) {
            int quantity = perType.get(type);
            Line line = line(type);
            Verdict verdict = line.enter(quantity, cap);
            if (verdict == Verdict.ADMITTED) {
                pass.admitted.add(new Taken(type, line, quantity));
            } else if (verdict == Verdict.REFUSED && mayRefuse) {
                pass.close();
                return new Admission(null, new SoldOut(line.name()));
            }
            // refused but must ask the database, or waited too long: in without a place in line
        }
        return new Admission(pass, null);
    }

    /** The pass, or the refusal: exactly one is set. */
    public record Admission(Pass pass, SoldOut refused) {
    }

    /**
     * A committed read showed how many seats of the type are left (sold and held counted); with
     * none left, the line behind is refused at once.
     */
    public void learn(UUID ticketTypeId, String name, int available) {
        Line line = lines.get(ticketTypeId);
        if (line == null) {
            if (available > 0) {
                return; // nobody is in line for it: nothing to decide
            }
            line = line(ticketTypeId);
        }
        line.learn(name, available);
    }

    /** Seats of the type came back in this process: what it knew is stale. */
    void forget(UUID ticketTypeId) {
        Line line = lines.get(ticketTypeId);
        if (line != null) {
            line.forget();
        }
    }

    private Line line(UUID type) {
        Line line = lines.get(type);
        if (line != null) {
            return line;
        }
        if (lines.size() >= MAX_LINES) {
            lines.values().removeIf(Line::idle);
        }
        return lines.computeIfAbsent(type, t -> new Line());
    }

    /**
     * An order's places in line. The use case says what the database answered ({@link #sold},
     * {@link #committed}); closing it lets the next in line decide.
     */
    public final class Pass implements AutoCloseable {
        private final List<Taken> admitted = new ArrayList<>();
        private final Map<UUID, Integer> leftAfterTake = new HashMap<>();
        private boolean committed;
        private boolean closed;

        private Pass() {
        }

        /** This attempt's take left {@code left} seats of the type (it counts once committed). */
        public void sold(UUID ticketTypeId, int left) {
            leftAfterTake.put(ticketTypeId, left);
        }

        /** A new attempt of the same order (a retry): the earlier one's takes were rolled back. */
        public void retrying() {
            leftAfterTake.clear();
        }

        /** The transaction that took the seats committed. */
        public void committed() {
            committed = true;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (Taken t : admitted) {
                t.line().leave(t.quantity(), committed ? leftAfterTake.get(t.type()) : null);
            }
        }
    }

    private record Taken(UUID type, Line line, int quantity) {
    }

    private enum Verdict { ADMITTED, REFUSED, UNGATED }

    private static final class Waiter {
        final int quantity;
        final int cap;
        final long deadline;
        final CompletableFuture<Verdict> verdict = new CompletableFuture<>();

        Waiter(int quantity, int cap, long deadline) {
            this.quantity = quantity;
            this.cap = cap;
            this.deadline = deadline;
        }
    }

    /** One ticket type's line. */
    private final class Line {
        private final ReentrantLock lock = new ReentrantLock();
        private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
        private int known = UNKNOWN;
        private long knownUntil;
        private String name;
        private int inside;
        private boolean timerSet;

        Verdict enter(int quantity, int cap) {
            Waiter waiter;
            lock.lock();
            try {
                expire();
                if (waiting.isEmpty()) { // nobody overtakes the line
                    Verdict now = decide(quantity, cap);
                    if (now != null) {
                        return now;
                    }
                }
                waiter = new Waiter(quantity, cap, nanoTime.getAsLong() + maxWaitNanos);
                waiting.add(waiter);
                if (!timerSet) {
                    wakeAt(waiter.deadline);
                }
            } finally {
                lock.unlock();
            }
            try {
                return waiter.verdict.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return giveUp(waiter);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Admitted, refused, or null: wait. Called with the lock held. */
        private Verdict decide(int quantity, int cap) {
            if (known == UNKNOWN) {
                if (inside > 0) {
                    return null; // one goes first and learns the count for the rest
                }
            } else if (known < quantity) {
                return Verdict.REFUSED; // committed counts leave too few; buyers inside cannot add seats
            } else if (inside + quantity > known) {
                return null;
            }
            if (inside > 0 && inside + quantity > cap) {
                return null; // an order bigger than that goes in alone
            }
            inside += quantity;
            return Verdict.ADMITTED;
        }

        /**
         * One timer per line, not one per waiter (a timed park each was a timer queued and
         * cancelled per buyer in line: 900 per flash sale): it lets in, unadmitted, those at the
         * head who waited {@code maxWaitNanos}, and is set again for the next one. Called with the
         * lock held.
         */
        private void wakeAt(long deadline) {
            timerSet = true;
            long delay = Math.max(0, deadline - nanoTime.getAsLong());
            CompletableFuture.runAsync(this::timeUp, CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS,
                    Thread::startVirtualThread));
        }

        private void timeUp() {
            lock.lock();
            try {
                timerSet = false;
                long now = nanoTime.getAsLong();
                while (!waiting.isEmpty() && now - waiting.peek().deadline >= 0) {
                    waiting.poll().verdict.complete(Verdict.UNGATED);
                }
                if (!waiting.isEmpty()) {
                    wakeAt(waiting.peek().deadline);
                }
            } finally {
                lock.unlock();
            }
        }

        private Verdict giveUp(Waiter waiter) {
            lock.lock();
            try {
                if (waiting.remove(waiter)) {
                    return Verdict.UNGATED;
                }
            } finally {
                lock.unlock();
            }
            return waiter.verdict.join(); // decided while we gave up
        }

        /** A buyer let in is done; {@code left} is the committed count after its take, if it took. */
        void leave(int quantity, Integer left) {
            lock.lock();
            try {
                inside -= quantity;
                if (left != null) {
                    record(known == UNKNOWN ? left : Math.min(known, left));
                }
                next();
            } finally {
                lock.unlock();
            }
        }

        void learn(String name, int available) {
            lock.lock();
            try {
                this.name = name;
                record(available);
                next();
            } finally {
                lock.unlock();
            }
        }

        void forget() {
            lock.lock();
            try {
                known = UNKNOWN;
                next();
            } finally {
                lock.unlock();
            }
        }

        boolean idle() {
            lock.lock();
            try {
                return inside == 0 && waiting.isEmpty();
            } finally {
                lock.unlock();
            }
        }

        String name() {
            return name;
        }

        private void record(int available) {
            known = Math.max(0, available);
            knownUntil = nanoTime.getAsLong() + KNOWN_FOR_NANOS;
        }

        private void expire() {
            if (known != UNKNOWN && nanoTime.getAsLong() - knownUntil > 0) {
                known = UNKNOWN;
            }
        }

        /** Decides for the head of the line, and on, while it can. Called with the lock held. */
        private void next() {
            expire();
            while (!waiting.isEmpty()) {
                Verdict verdict = decide(waiting.peek().quantity, waiting.peek().cap);
                if (verdict == null) {
                    return;
                }
                waiting.poll().verdict.complete(verdict);
            }
        }
    }
}
