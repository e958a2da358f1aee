package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.jsonObject;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.registration.Registration;
import dev.turnstile.registration.RegistrationQuery;
import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.registration.RegistrationStatus;
import dev.turnstile.registration.Ticket;
import dev.turnstile.registration.TicketStatus;
import dev.turnstile.registration.TicketTax;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

public final class JdbcRegistrations implements RegistrationRepository {

    private static final String COLUMNS = """
            id, org_id, event_id, user_id, confirmation_number, status::text, currency, subtotal_minor, discount_minor,
            total_minor, promo_code_id, attendee_info, hold_expires_at, created_at, confirmed_at, cancelled_at, expired_at""";
    private static final String TICKET_COLUMNS = """
            id, registration_id, ticket_type_id, ticket_code, qr_code, code_version, status::text, attendee_data,
            price_minor, discount_minor, issued_at, tax_rate_ppm, tax_inclusive, tax_minor""";

    private final Sql sql;

    public JdbcRegistrations(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Supplier<String> insert(Registration r, String idempotencyKey) {
        Supplier<Optional<String>> confirmation = sql.oneLater("""
                INSERT INTO registrations (id, org_id, event_id, user_id, status, currency, subtotal_minor, discount_minor,
                  total_minor, tax_added_minor, promo_code_id, attendee_info, hold_expires_at, confirmed_at, idempotency_key,
                  created_at)
                VALUES (?, ?, ?, ?, ?::registration_status, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING confirmation_number
                """, rs -> rs.getString(1), r.id(), r.orgId(), r.eventId(), r.userId(), r.status(), r.currency(),
                r.subtotalMinor(), r.discountMinor(), r.totalMinor(),
                r.tickets().stream().mapToLong(t -> t.tax().addedMinor()).sum(), r.promoCodeId(),
                new Sql.Json(Map.of("name", r.registrantName(), "email", r.registrantEmail())), r.holdExpiresAt(),
                r.confirmedAt(), idempotencyKey, r.createdAt());
        int position = 0;
        for (Ticket t : r.tickets()) {
            Map<String, Object> attendee = new LinkedHashMap<>();
            attendee.put("name", t.attendeeName());
            attendee.put("email", t.attendeeEmail());
            attendee.put("answers", t.answers());
            // one statement per ticket, all in the registration's message (a JDBC batch would be a round trip of its own)
            sql.later("""
                    INSERT INTO tickets (id, org_id, registration_id, ticket_type_id, ticket_code, qr_code, code_version,
                      status, attendee_data, price_minor, discount_minor, issued_at, position, tax_rate_ppm, tax_inclusive,
                      tax_minor)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?::ticket_status, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, t.id(), r.orgId(), r.id(), t.ticketTypeId(), t.ticketCode(), t.qrCode(),
                    t.codeVersion(), t.status(), new Sql.Json(attendee), t.priceMinor(), t.discountMinor(), t.issuedAt(),
                    position++, t.tax().ratePpm(), t.tax().inclusive(), t.tax().amountMinor());
        }
        return () -> confirmation.get().orElseThrow();
    }

    @Override
    public Optional<Registration> find(UUID id) {
        return withTickets(sql.list("SELECT " + COLUMNS + " FROM registrations WHERE id = ?", JdbcRegistrations::map, id))
                .stream().findFirst();
    }

    @Override
    public Optional<Registration> lock(UUID id) {
        return withTickets(sql.list("SELECT " + COLUMNS + " FROM registrations WHERE id = ? FOR UPDATE",
                JdbcRegistrations::map, id)).stream().findFirst();
    }

    @Override
    public Optional<Registration> findByIdempotencyKey(UUID eventId, UUID userId, String key) {
        return withTickets(sql.list("SELECT " + COLUMNS + " FROM registrations"
                        + " WHERE event_id = ? AND user_id = ? AND idempotency_key = ?",
                JdbcRegistrations::map, eventId, userId, key)).stream().findFirst();
    }

    @Override
    public void reissue(UUID ticketId, int codeVersion, String qrCode) {
        sql.update("UPDATE tickets SET code_version = ?, qr_code = ? WHERE id = ? AND status = 'issued'",
                codeVersion, qrCode, ticketId);
    }

    @Override
    public void confirm(UUID id, Instant at, Map<UUID, String> qrCodes) {
        sql.update("UPDATE registrations SET status = 'confirmed', confirmed_at = ?, expired_at = NULL WHERE id = ?", at, id);
        List<Object[]> rows = new ArrayList<>();
        qrCodes.forEach((ticket, code) -> rows.add(new Object[] {code, at, ticket, id}));
        sql.batch("UPDATE tickets SET status = 'issued', qr_code = ?, issued_at = ? WHERE id = ? AND registration_id = ?", rows);
    }

    @Override
    public void end(UUID id, RegistrationStatus status, Instant at) {
        String column = switch (status) {
            case CANCELLED -> "cancelled_at";
            case EXPIRED -> "expired_at";
            default -> throw new IllegalArgumentException("A registration ends cancelled or expired, not " + status);
        };
        sql.update("UPDATE registrations SET status = ?::registration_status, " + column + " = ? WHERE id = ?",
                status, at, id);
        sql.update("UPDATE tickets SET status = 'cancelled' WHERE registration_id = ?", id);
    }

    @Override
    public int refundTickets(UUID id, java.util.Collection<UUID> ticketIds, boolean wholeRegistration) {
        int refunded = sql.update("UPDATE tickets SET status = 'refunded' WHERE registration_id = ? AND id = ANY (?)"
                + " AND status = 'issued'", id, (Object) ticketIds.toArray(UUID[]::new));
        if (wholeRegistration) {
            sql.update("UPDATE registrations SET status = 'refunded' WHERE id = ? AND status = 'confirmed'", id);
        }
        return refunded;
    }

    @Override
    public List<Registration> list(RegistrationQuery q) {
        StringBuilder where = new StringBuilder("event_id = ?");
        List<Object> params = new ArrayList<>(List.of(q.eventId()));
        if (q.status() != null) {
            where.append(" AND status = ?::registration_status");
            params.add(q.status());
        }
        if (q.ticketTypeId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM tickets t WHERE t.registration_id = registrations.id AND t.ticket_type_id = ?)");
            params.add(q.ticketTypeId());
        }
        if (q.from() != null) {
            where.append(" AND created_at >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            where.append(" AND created_at < ?");
            params.add(q.to());
        }
        if (q.text() != null) {
            String pattern = Sql.containsPattern(q.text());
            where.append(" ").append("""
                     AND (confirmation_number = upper(?) OR attendee_info ->> 'name' ILIKE ? ESCAPE '\\'
                          OR attendee_info ->> 'email' ILIKE ? ESCAPE '\\'
                          OR EXISTS (SELECT 1 FROM tickets t WHERE t.registration_id = registrations.id
                                     AND (t.attendee_data ->> 'name' ILIKE ? ESCAPE '\\'
                                          OR t.attendee_data ->> 'email' ILIKE ? ESCAPE '\\')))""");
            params.addAll(List.of(q.text(), pattern, pattern, pattern, pattern));
        }
        if (q.before() != null) {
            where.append(" AND (created_at, id) < (?, ?)");
            params.add(q.before().createdAt());
            params.add(q.before().id());
        }
        params.add(q.limit());
        return withTickets(sql.list("SELECT " + COLUMNS + " FROM registrations WHERE " + where
                + " ORDER BY created_at DESC, id DESC LIMIT ?", JdbcRegistrations::map, params.toArray()));
    }

    @Override
    public List<Registration> listForUser(UUID userId) {
        return withTickets(sql.list("SELECT " + COLUMNS + " FROM registrations WHERE user_id = ?"
                + " ORDER BY created_at DESC, id DESC LIMIT 500", JdbcRegistrations::map, userId));
    }

    /** Rows come without tickets; this fetches the tickets of all of them in one query. */
    private List<Registration> withTickets(List<Registration> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        UUID[] ids = rows.stream().map(Registration::id).toArray(UUID[]::new);
        Map<UUID, List<Ticket>> tickets = new HashMap<>();
        sql.list("SELECT " + TICKET_COLUMNS + " FROM tickets WHERE registration_id = ANY (?) ORDER BY position, id",
                rs -> {
                    tickets.computeIfAbsent(uuid(rs, "registration_id"), k -> new ArrayList<>()).add(mapTicket(rs));
                    return null;
                }, (Object) ids);
        return rows.stream().map(r -> new Registration(r.id(), r.orgId(), r.eventId(), r.userId(), r.confirmationNumber(),
                r.status(), r.currency(), r.subtotalMinor(), r.discountMinor(), r.totalMinor(), r.promoCodeId(),
                r.registrantName(), r.registrantEmail(), r.holdExpiresAt(), r.createdAt(), r.confirmedAt(),
                r.cancelledAt(), r.expiredAt(), tickets.getOrDefault(r.id(), List.of()))).toList();
    }

    private static Registration map(ResultSet rs) throws SQLException {
        Map<String, Object> registrant = jsonObject(rs, "attendee_info");
        return new Registration(uuid(rs, "id"), uuid(rs, "org_id"), uuid(rs, "event_id"), uuid(rs, "user_id"),
                rs.getString("confirmation_number"),
                RegistrationStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("currency"),
                rs.getLong("subtotal_minor"), rs.getLong("discount_minor"), rs.getLong("total_minor"),
                uuid(rs, "promo_code_id"), (String) registrant.get("name"), (String) registrant.get("email"),
                instant(rs, "hold_expires_at"), instant(rs, "created_at"), instant(rs, "confirmed_at"),
                instant(rs, "cancelled_at"), instant(rs, "expired_at"), List.of());
    }

    @SuppressWarnings("unchecked")
    private static Ticket mapTicket(ResultSet rs) throws SQLException {
        Map<String, Object> attendee = jsonObject(rs, "attendee_data");
        Object answers = attendee.get("answers");
        return new Ticket(uuid(rs, "id"), uuid(rs, "ticket_type_id"), rs.getString("ticket_code"),
                rs.getString("qr_code"), rs.getInt("code_version"), TicketStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), (String) attendee.get("name"),
                (String) attendee.get("email"), answers instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
                rs.getLong("price_minor"), rs.getLong("discount_minor"), instant(rs, "issued_at"),
                new TicketTax(rs.getInt("tax_rate_ppm"), rs.getBoolean("tax_inclusive"), rs.getLong("tax_minor")));
    }
}
