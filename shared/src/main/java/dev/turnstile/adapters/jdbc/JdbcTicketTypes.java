package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.jsonObject;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.ticket.TicketType;
import dev.turnstile.ticket.TicketTypeRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public final class JdbcTicketTypes implements TicketTypeRepository {

    private static final String COLUMNS = """
            id, org_id, event_id, name, description, price_minor, currency, capacity, quantity_sold, quantity_held,
            sale_starts_at, sale_ends_at, restrictions, is_active, is_hidden, sort_order, created_at, updated_at""";

    private final Sql sql;

    public JdbcTicketTypes(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(TicketType t) {
        sql.update("""
                INSERT INTO ticket_types (id, org_id, event_id, name, description, price_minor, currency, capacity,
                  sale_starts_at, sale_ends_at, restrictions, is_active, is_hidden, sort_order)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, t.id(), t.orgId(), t.eventId(), t.name(), t.description(), t.priceMinor(), t.currency(), t.capacity(),
                t.saleStartsAt(), t.saleEndsAt(), new Sql.Json(t.restrictions()), t.active(), t.hidden(), t.sortOrder());
    }

    @Override
    public Optional<TicketType> lock(UUID eventId, UUID ticketTypeId) {
        return sql.one("SELECT " + COLUMNS + " FROM ticket_types WHERE event_id = ? AND id = ? FOR UPDATE",
                JdbcTicketTypes::map, eventId, ticketTypeId);
    }

    @Override
    public void update(TicketType t) {
        // sold and held counts are the inventory's business, never written from here
        sql.update("""
                UPDATE ticket_types SET name = ?, description = ?, price_minor = ?, currency = ?, capacity = ?,
                  sale_starts_at = ?, sale_ends_at = ?, restrictions = ?, is_active = ?, is_hidden = ?, sort_order = ?
                WHERE id = ?
                """, t.name(), t.description(), t.priceMinor(), t.currency(), t.capacity(), t.saleStartsAt(),
                t.saleEndsAt(), new Sql.Json(t.restrictions()), t.active(), t.hidden(), t.sortOrder(), t.id());
    }

    @Override
    public List<TicketType> listForEvent(UUID eventId) {
        return sql.list(FOR_EVENT, JdbcTicketTypes::map, eventId);
    }

    /** An event's ticket types, in their display order; one parameter, the event's id. */
    static final String FOR_EVENT = "SELECT " + COLUMNS + " FROM ticket_types WHERE event_id = ? ORDER BY sort_order, name, id";

    static TicketType map(ResultSet rs) throws SQLException {
        return new TicketType(uuid(rs, "id"), uuid(rs, "org_id"), uuid(rs, "event_id"), rs.getString("name"),
                rs.getString("description"), rs.getLong("price_minor"), rs.getString("currency"), rs.getInt("capacity"),
                rs.getInt("quantity_sold"), rs.getInt("quantity_held"), instant(rs, "sale_starts_at"),
                instant(rs, "sale_ends_at"), jsonObject(rs, "restrictions"), rs.getBoolean("is_active"),
                rs.getBoolean("is_hidden"), rs.getInt("sort_order"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
