package dev.turnstile.checkin;

import dev.turnstile.common.Check;
import dev.turnstile.common.Unavailable;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import dev.turnstile.ticketcode.TicketCode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a ticket in at the door. A warm scan is: verify the code's Ed25519 signature against the
 * event's public key (remembered), one conditional write to the hot table (first scan wins), hand
 * the fact to the event bus, answer. Everything else — telling why a scan is refused, filling the
 * hot table from PostgreSQL the first time a ticket is seen — happens only off the happy path.
 */
public final class CheckInTicket {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CheckInTicket.class);

    private final Transactions transactions;
    private final DoorFacts facts;
    private final DoorState door;
    private final TicketSource source;
    private final CheckInEvents events;
    private final Clock clock;

    public CheckInTicket(Transactions transactions, DoorFacts facts, DoorState door, TicketSource source,
                         CheckInEvents events, Clock clock) {
        this.transactions = transactions;
        this.facts = facts;
        this.door = door;
        this.source = source;
        this.events = events;
        this.clock = clock;
    }

    public ScanAnswer scan(Principal staff, UUID orgId, UUID eventId, ScanRequest request) {
        validate(request);
        facts.authorize(staff, orgId, eventId, Role.STAFF);
        return admit(staff, orgId, eventId, request);
    }

    /** A scan whose caller is already authorized for the event (the offline sync checks once per batch). */
    ScanAnswer admit(Principal staff, UUID orgId, UUID eventId, ScanRequest request) {
        UUID ticketId;
        Optional<Integer> codeVersion;
        CheckInRecord.Method method;
        if (request.manual()) {
            ticketId = request.ticketId();
            codeVersion = Optional.empty();
            method = CheckInRecord.Method.MANUAL;
        } else {
            Optional<TicketCode.Signed> parsed = TicketCode.parse(request.code().strip());
            if (parsed.isEmpty()) {
                return ScanAnswer.refused(ScanReason.MALFORMED_CODE);
            }
            TicketCode code = parsed.get().code();
            if (!code.eventId().equals(eventId)) {
                return ScanAnswer.refused(ScanReason.WRONG_EVENT);
            }
            boolean verified = facts.key(orgId, eventId, code.keyId())
                    .map(k -> parsed.get().verifiedBy(facts.verifier(k))).orElse(false);
            if (!verified) {
                return ScanAnswer.refused(ScanReason.INVALID_SIGNATURE);
            }
            ticketId = code.ticketId();
            codeVersion = Optional.of(code.codeVersion());
            method = CheckInRecord.Method.QR;
        }
        Scope scope = Scope.EVENT;
        Optional<TicketSource.SessionFacts> session = Optional.empty();
        if (request.sessionId() != null) {
            session = facts.session(orgId, eventId, request.sessionId());
            if (session.isEmpty()) {
                return ScanAnswer.refused(ScanReason.UNKNOWN_SESSION);
            }
            if (session.get().cancelled()) {
                return ScanAnswer.refused(ScanReason.SESSION_CANCELLED);
            }
            scope = Scope.of(request.sessionId());
        }
        // an offline scan is judged as of when it was made (its window, its place in "first scan wins");
        // the hot table keeps milliseconds: an answer says the time a later look-up will say
        boolean offline = request.scannedAt() != null;
        Instant at = (offline ? request.scannedAt() : clock.instant()).truncatedTo(ChronoUnit.MILLIS);
        CheckInRecord record = new CheckInRecord(at, staff.userId(), staff.name(), request.gate(), request.device(),
                request.scanId(), method);
        return scope.session().isEmpty()
                ? admitToEvent(orgId, eventId, ticketId, codeVersion, at, record, offline)
                : admitToSession(orgId, eventId, ticketId, codeVersion, at, session.get(), record, offline);
    }

    /**
     * How often a scan re-reads and decides again when the admission changed between its read and
     * its write. Each lost round means another scan's write succeeded, and those are few per ticket,
     * so this is reached only by a storm of undos; giving up then (nothing decided, retry) is right,
     * answering from a stale read would not be: the earliest scan must not be told it lost.
     */
    private static final int ROUNDS = 64;

    private ScanAnswer admitToEvent(UUID orgId, UUID eventId, UUID ticketId, Optional<Integer> codeVersion,
                                    Instant now, CheckInRecord record, boolean offline) {
        if (codeVersion.isPresent()) {
            // the happy path: one conditional write
            Optional<DoorTicket> admitted = door.admit(eventId, ticketId, codeVersion.get(), now, record);
            if (admitted.isPresent()) {
                return admitted(admitted.get(), Scope.EVENT, record);
            }
        }
        // refused by a condition, a manual check-in, or a ticket the hot table has not seen: find out which
        // (one read serves both the look-up and the first round below: a duplicate scan costs two calls)
        Optional<DoorState.Stored> stored = door.ticket(ticketId);
        Optional<DoorTicket> known = stored.isPresent()
                ? stored.map(DoorState.Stored::ticket).filter(t -> t.orgId().equals(orgId))
                : loadThrough(orgId, ticketId);
        if (known.isEmpty() || !known.get().eventId().equals(eventId)) {
            return ScanAnswer.refused(known.isEmpty() ? ScanReason.UNKNOWN_TICKET : ScanReason.WRONG_EVENT);
        }
        DoorTicket ticket = known.get();
        int version = codeVersion.orElse(ticket.codeVersion());
        // every write below is conditional on what was just read: losing a race means read again and decide again
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0 || stored.isEmpty()) {
                stored = door.ticket(ticketId);
            }
            DoorTicket current = stored.map(DoorState.Stored::ticket).orElse(ticket);
            Optional<ScanAnswer> refusal = refusal(current, version, now, Scope.EVENT);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            Optional<CheckInRecord> existing = stored.flatMap(DoorState.Stored::checkIn);
            if (existing.isEmpty()) {
                // the ticket was just written to the hot table, or an admission was undone a moment ago
                Optional<DoorTicket> admitted = door.admit(eventId, ticketId, version, now, record);
                if (admitted.isPresent()) {
                    return admitted(admitted.get(), Scope.EVENT, record);
                }
                continue;
            }
            CheckInRecord winner = existing.get();
            if (offline && comesBefore(record, winner)) {
                if (door.replaceCheckIn(eventId, ticketId, Scope.EVENT, version, winner, record)) {
                    return displacing(current, Scope.EVENT, record, winner);
                }
                continue;
            }
            return already(current, Scope.EVENT, winner, record);
        }
        throw busy(ticketId);
    }

    private static Unavailable busy(UUID ticketId) {
        return new Unavailable("The check-in of ticket " + ticketId + " kept changing while this scan was decided; "
                + "nothing was recorded for it: send the scan again");
    }

    private ScanAnswer admitToSession(UUID orgId, UUID eventId, UUID ticketId, Optional<Integer> codeVersion,
                                      Instant now, TicketSource.SessionFacts session, CheckInRecord record, boolean offline) {
        Scope scope = Scope.of(session.sessionId());
        Optional<DoorTicket> known = known(orgId, ticketId);
        if (known.isEmpty() || !known.get().eventId().equals(eventId)) {
            return ScanAnswer.refused(known.isEmpty() ? ScanReason.UNKNOWN_TICKET : ScanReason.WRONG_EVENT);
        }
        DoorTicket ticket = known.get();
        int version = codeVersion.orElse(ticket.codeVersion());
        Optional<ScanAnswer> refusal = refusal(ticket, version, now, scope);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (!door.admitToSession(ticket, session.sessionId(), record)) {
            for (int round = 0; round < ROUNDS; round++) {
                Optional<CheckInRecord> winner = door.sessionCheckIn(ticketId, session.sessionId());
                if (winner.isEmpty()) {
                    // taken back a moment ago (a full session's rollback, an undo): as before, no second try
                    return ScanAnswer.refused(ScanReason.ALREADY_CHECKED_IN, ticket, scope);
                }
                // the session's place was taken by the admission being displaced: it passes to the earlier scan
                if (offline && comesBefore(record, winner.get())) {
                    if (door.replaceCheckIn(eventId, ticketId, scope, version, winner.get(), record)) {
                        return displacing(ticket, scope, record, winner.get());
                    }
                    continue;
                }
                return already(ticket, scope, winner.get(), record);
            }
            throw busy(ticketId);
        }
        if (session.capacity() != null && !door.takeSessionPlace(session.sessionId(), session.capacity())) {
            door.undo(ticketId, scope); // no place: the admission written a moment ago is taken back
            return ScanAnswer.refused(ScanReason.SESSION_FULL, ticket, scope);
        }
        return admitted(ticket, scope, record);
    }

    /**
     * First scan wins, by the time the scan was made; two scans of the same millisecond are ordered by
     * scan id (the same order whichever arrives first). A retry of the recorded scan comes before nothing.
     */
    static boolean comesBefore(CheckInRecord scan, CheckInRecord recorded) {
        if (scan.scanId().equals(recorded.scanId())) {
            return false;
        }
        int byTime = scan.at().compareTo(recorded.at());
        return byTime < 0 || byTime == 0 && scan.scanId().compareTo(recorded.scanId()) < 0;
    }

    /** An offline scan made before the recorded admission takes its place; the durable record follows the event. */
    private ScanAnswer displacing(DoorTicket ticket, Scope scope, CheckInRecord record, CheckInRecord displaced) {
        publish(CheckInEvent.of(CheckInEvent.Kind.CHECKED_IN, ticket, scope, record));
        return ScanAnswer.displacing(ticket, scope, record, displaced);
    }

    private ScanAnswer admitted(DoorTicket ticket, Scope scope, CheckInRecord record) {
        publish(CheckInEvent.of(CheckInEvent.Kind.CHECKED_IN, ticket, scope, record));
        return ScanAnswer.of(ScanReason.CHECKED_IN, ticket, scope, record, false);
    }

    /**
     * Already admitted: by this very scan (a retry gets the first answer again, and the event is
     * published again, so a scanner's retry also repairs a publication that failed) or by another.
     */
    private ScanAnswer already(DoorTicket ticket, Scope scope, CheckInRecord winner, CheckInRecord attempt) {
        boolean replay = winner.scanId().equals(attempt.scanId());
        if (replay) {
            publish(CheckInEvent.of(CheckInEvent.Kind.CHECKED_IN, ticket, scope, winner));
        }
        return ScanAnswer.of(replay ? ScanReason.CHECKED_IN : ScanReason.ALREADY_CHECKED_IN, ticket, scope, winner, replay);
    }

    /** The admission stands whatever happens here: the hot table is the door's truth; consumers are idempotent. */
    private void publish(CheckInEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            log.error("Could not publish check-in {} of ticket {}; a retry of the scan publishes it again",
                    event.scanId(), event.ticketId(), e);
        }
    }

    /** Why this ticket cannot be admitted with this code version now, if it cannot. */
    private static Optional<ScanAnswer> refusal(DoorTicket ticket, int codeVersion, Instant now, Scope scope) {
        ScanReason reason = switch (ticket.status()) {
            case CANCELLED -> ScanReason.TICKET_CANCELLED;
            case REFUNDED -> ScanReason.TICKET_REFUNDED;
            case RESERVED -> ScanReason.PAYMENT_PENDING;
            case ISSUED -> codeVersion != ticket.codeVersion() ? ScanReason.CODE_SUPERSEDED
                    : now.isBefore(ticket.validFrom()) ? ScanReason.NOT_YET_VALID
                    : now.isAfter(ticket.validUntil()) ? ScanReason.NO_LONGER_VALID
                    : null;
        };
        return Optional.ofNullable(reason).map(r -> ScanAnswer.refused(r, ticket, scope));
    }

    /** The ticket from the hot table, or — the first time it is seen — from PostgreSQL, written through. */
    private Optional<DoorTicket> known(UUID orgId, UUID ticketId) {
        Optional<DoorTicket> hot = door.ticket(ticketId).map(DoorState.Stored::ticket);
        if (hot.isPresent()) {
            // the hot table spans organizations: another one's ticket is as unknown here as in PostgreSQL
            return hot.filter(t -> t.orgId().equals(orgId));
        }
        return loadThrough(orgId, ticketId);
    }

    private Optional<DoorTicket> loadThrough(UUID orgId, UUID ticketId) {
        Optional<DoorTicket> loaded = transactions.read(TenantContext.system(orgId), () -> source.ticket(ticketId));
        loaded.ifPresent(door::putTicket);
        return loaded;
    }

    private static void validate(ScanRequest r) {
        validate(new Check(), r, "").orThrow();
    }

    /** The rules of one scan, its fields named with {@code prefix} (a batch names them {@code scans[i].}). */
    static Check validate(Check check, ScanRequest r, String prefix) {
        return check
                .require(r.code() != null || r.ticketId() != null, prefix + "code", "is required (or ticketId, for a manual check-in)")
                .require(r.code() == null || r.ticketId() == null, prefix + "ticketId", "cannot be sent with a code")
                .require(r.code() == null || r.code().length() <= 1000, prefix + "code", "must be at most 1000 characters")
                .require(r.scanId() != null && !r.scanId().isBlank(), prefix + "scanId", "is required")
                .require(r.scanId() == null || r.scanId().length() <= 200, prefix + "scanId", "must be at most 200 characters")
                .require(r.gate() == null || r.gate().length() <= 100, prefix + "gate", "must be at most 100 characters")
                // a batch's device is one field of the batch, checked there
                .require(!prefix.isEmpty() || r.device() == null || r.device().length() <= 200, "device",
                        "must be at most 200 characters");
    }
}
