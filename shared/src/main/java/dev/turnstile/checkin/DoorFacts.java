package dev.turnstile.checkin;

import dev.turnstile.common.Forbidden;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.MembershipRepository;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import dev.turnstile.ticketcode.TicketCode;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a scan needs from PostgreSQL besides the ticket — the scanner's role, the event, the session,
 * the verification keys — remembered for a short while, so that a warm scanner's scan touches only
 * the hot table. The price: a revoked role or a cancelled session is noticed within {@link #TTL}
 * (docs/check-in.md). A key id not yet seen always goes to the database: a rotation is seen at once.
 */
public final class DoorFacts {

    static final Duration TTL = Duration.ofSeconds(30);

    private record Entry<T>(T value, Instant until) {
    }

    private final Transactions transactions;
    private final MembershipRepository memberships;
    private final TicketSource source;
    private final Clock clock;
    private final Map<String, Entry<Optional<Role>>> roles = new ConcurrentHashMap<>();
    private final Map<String, Entry<Optional<TicketSource.EventFacts>>> events = new ConcurrentHashMap<>();
    private final Map<String, Entry<Optional<TicketSource.SessionFacts>>> sessions = new ConcurrentHashMap<>();
    private final Map<String, Entry<List<TicketSource.VerificationKey>>> keys = new ConcurrentHashMap<>();
    private final Map<PublicKey, TicketCode.Verifier> verifiers = new ConcurrentHashMap<>();

    /** One per process: it holds what it remembers. */
    public static DoorFacts of(Transactions transactions, MembershipRepository memberships, TicketSource source, Clock clock) {
        return new DoorFacts(transactions, memberships, source, clock);
    }

    private DoorFacts(Transactions transactions, MembershipRepository memberships, TicketSource source, Clock clock) {
        this.transactions = transactions;
        this.memberships = memberships;
        this.source = source;
        this.clock = clock;
    }

    /**
     * Lets the caller act on the organization's event with at least the given role; non-members and
     * events of other organizations are "not found", as everywhere in the API.
     */
    TicketSource.EventFacts authorize(Principal caller, UUID orgId, UUID eventId, Role minimum) {
        Role role = cached(roles, orgId + "/" + caller.userId(),
                () -> transactions.read(TenantContext.of(orgId, caller.userId()), () -> memberships.roleOf(orgId, caller.userId())))
                .orElseThrow(() -> new NotFound("organization", orgId));
        if (!role.atLeast(minimum)) {
            throw new Forbidden("This needs the " + minimum.wireName() + " role or higher; you are " + role.wireName());
        }
        // keyed by organization too: what one organization's context cannot see must not hide it from another's
        TicketSource.EventFacts event = cached(events, orgId + "/" + eventId,
                () -> transactions.read(TenantContext.of(orgId, caller.userId()), () -> source.event(eventId)))
                .filter(e -> e.orgId().equals(orgId))
                .orElseThrow(() -> new NotFound("event", eventId));
        if (!event.usable()) {
            throw new NotFound("event", eventId);
        }
        return event;
    }

    Optional<TicketSource.SessionFacts> session(UUID orgId, UUID eventId, UUID sessionId) {
        return cached(sessions, orgId + "/" + sessionId,
                () -> transactions.read(TenantContext.system(orgId), () -> source.session(eventId, sessionId)))
                .filter(s -> s.eventId().equals(eventId));
    }

    /** The event's key with this id; a miss re-reads the keys (a rotation since the last read). */
    Optional<TicketSource.VerificationKey> key(UUID orgId, UUID eventId, int keyId) {
        Optional<TicketSource.VerificationKey> found = find(cached(keys, orgId + "/" + eventId, () -> load(orgId, eventId)), keyId);
        if (found.isPresent()) {
            return found;
        }
        List<TicketSource.VerificationKey> fresh = load(orgId, eventId);
        keys.put(orgId + "/" + eventId, new Entry<>(fresh, clock.instant().plus(TTL)));
        return find(fresh, keyId);
    }

    /** A verifier for the key, kept while the process lives (a few per event; dropped wholesale past a bound). */
    TicketCode.Verifier verifier(TicketSource.VerificationKey key) {
        if (verifiers.size() > 10_000) {
            verifiers.clear();
        }
        return verifiers.computeIfAbsent(key.key(), TicketCode.Verifier::new);
    }

    private List<TicketSource.VerificationKey> load(UUID orgId, UUID eventId) {
        return transactions.read(TenantContext.system(orgId), () -> source.keys(eventId));
    }

    private static Optional<TicketSource.VerificationKey> find(List<TicketSource.VerificationKey> keys, int keyId) {
        return keys.stream().filter(k -> k.keyId() == keyId).findFirst();
    }

    private <K, T> T cached(Map<K, Entry<T>> cache, K key, Supplier<T> load) {
        Instant now = clock.instant();
        Entry<T> entry = cache.get(key);
        if (entry != null && now.isBefore(entry.until())) {
            return entry.value();
        }
        T value = load.get();
        // "not found" is not remembered: an event or session created a moment ago is found at once
        if (!(value instanceof Optional<?> o) || o.isPresent()) {
            cache.put(key, new Entry<>(value, now.plus(TTL)));
        }
        return value;
    }
}
