package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.integer;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.registration.DiscountKind;
import dev.turnstile.registration.PromoCode;
import dev.turnstile.registration.PromoCodeRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

public final class JdbcPromoCodes implements PromoCodeRepository {

    private static final String COLUMNS = """
            id, event_id, code, kind::text, percent_off, amount_off_minor, ticket_type_ids, usage_limit, times_used,
            valid_from, valid_until, is_active, created_at, updated_at""";

    private final Sql sql;

    public JdbcPromoCodes(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(UUID orgId, PromoCode p) {
        sql.update("""
                INSERT INTO promo_codes (id, org_id, event_id, code, kind, percent_off, amount_off_minor, ticket_type_ids,
                  usage_limit, valid_from, valid_until, is_active)
                VALUES (?, ?, ?, ?, ?::discount_kind, ?, ?, ?, ?, ?, ?, ?)
                """, p.id(), orgId, p.eventId(), p.code(), p.kind(), p.percentOff(), p.amountOffMinor(),
                p.ticketTypeIds().toArray(new UUID[0]), p.usageLimit(), p.validFrom(), p.validUntil(), p.active());
    }

    @Override
    public Optional<PromoCode> find(UUID eventId, UUID promoCodeId) {
        return sql.one("SELECT " + COLUMNS + " FROM promo_codes WHERE event_id = ? AND id = ?", JdbcPromoCodes::map,
                eventId, promoCodeId);
    }

    @Override
    public Optional<PromoCode> findByCode(UUID eventId, String code) {
        return sql.one("SELECT " + COLUMNS + " FROM promo_codes WHERE event_id = ? AND code = ?", JdbcPromoCodes::map,
                eventId, code);
    }

    @Override
    public void update(PromoCode p) {
        // times_used is the conditional writes' business, never written from here
        sql.update("""
                UPDATE promo_codes SET code = ?, kind = ?::discount_kind, percent_off = ?, amount_off_minor = ?,
                  ticket_type_ids = ?, usage_limit = ?, valid_from = ?, valid_until = ?, is_active = ?
                WHERE id = ?
                """, p.code(), p.kind(), p.percentOff(), p.amountOffMinor(), p.ticketTypeIds().toArray(new UUID[0]),
                p.usageLimit(), p.validFrom(), p.validUntil(), p.active(), p.id());
    }

    @Override
    public List<PromoCode> listForEvent(UUID eventId) {
        return sql.list("SELECT " + COLUMNS + " FROM promo_codes WHERE event_id = ? ORDER BY code", JdbcPromoCodes::map, eventId);
    }

    @Override
    public boolean use(UUID promoCodeId, Instant now) {
        return sql.update("""
                UPDATE promo_codes SET times_used = times_used + 1
                WHERE id = ? AND is_active AND (usage_limit IS NULL OR times_used < usage_limit)
                  AND (valid_from IS NULL OR valid_from <= ?) AND (valid_until IS NULL OR ? < valid_until)
                """, promoCodeId, now, now) == 1;
    }

    @Override
    public void release(UUID promoCodeId) {
        sql.update("UPDATE promo_codes SET times_used = times_used - 1 WHERE id = ? AND times_used > 0", promoCodeId);
    }

    private static PromoCode map(ResultSet rs) throws SQLException {
        long amount = rs.getLong("amount_off_minor");
        Long amountOff = rs.wasNull() ? null : amount;
        return new PromoCode(uuid(rs, "id"), uuid(rs, "event_id"), rs.getString("code"),
                DiscountKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), integer(rs, "percent_off"), amountOff,
                JdbcQuestions.uuidArray(rs, "ticket_type_ids"), integer(rs, "usage_limit"), rs.getInt("times_used"),
                instant(rs, "valid_from"), instant(rs, "valid_until"), rs.getBoolean("is_active"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
