package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.registration.DueWork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The cross-tenant look-ups, each through a SECURITY DEFINER function that answers only its question. */
public final class JdbcDueWork implements DueWork {

    private final Sql sql;

    public JdbcDueWork(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<Item> dueHolds(Instant now, int limit) {
        return sql.list("SELECT org_id, registration_id FROM due_holds(?, ?)",
                rs -> new Item(uuid(rs, "org_id"), uuid(rs, "registration_id"), null), now, limit);
    }

    @Override
    public List<Item> dueWaitlistOffers(Instant now, int limit) {
        return sql.list("SELECT org_id, entry_id FROM due_waitlist_offers(?, ?)",
                rs -> new Item(uuid(rs, "org_id"), uuid(rs, "entry_id"), null), now, limit);
    }

    @Override
    public List<Item> waitlistsWithSeats(int limit) {
        return sql.list("SELECT org_id, ticket_type_id, event_id FROM waitlists_with_seats(?)",
                rs -> new Item(uuid(rs, "org_id"), uuid(rs, "ticket_type_id"), uuid(rs, "event_id")), limit);
    }

    @Override
    public Optional<UUID> orgOfEvent(UUID eventId) {
        return sql.one("SELECT org_id_of_event(?) AS org_id", rs -> uuid(rs, "org_id"), eventId);
    }
}
