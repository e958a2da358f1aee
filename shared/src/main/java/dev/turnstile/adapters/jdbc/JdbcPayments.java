package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.payment.Payment;
import dev.turnstile.payment.PaymentRepository;
import dev.turnstile.payment.PaymentStatus;
import dev.turnstile.payment.Refund;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class JdbcPayments implements PaymentRepository {

    private static final String COLUMNS = """
            id, org_id, registration_id, provider, provider_payment_id, idempotency_key, attempt, amount_minor,
            refunded_minor, currency, status::text, created_at, updated_at""";
    private static final String REFUND_COLUMNS = """
            id, payment_id, amount_minor, reason, idempotency_key, status::text, provider_refund_id, created_at""";

    private final Sql sql;

    public JdbcPayments(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Payment p) {
        sql.update("""
                INSERT INTO payments (id, org_id, registration_id, provider, provider_payment_id, idempotency_key, attempt,
                  amount_minor, currency, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::payment_status, ?, ?)
                """, p.id(), p.orgId(), p.registrationId(), p.provider(), p.providerPaymentId(), p.idempotencyKey(),
                p.attempt(), p.amountMinor(), p.currency(), p.status(), p.createdAt(), p.updatedAt());
    }

    @Override
    public Optional<Payment> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM payments WHERE id = ?", JdbcPayments::map, id);
    }

    @Override
    public Optional<Payment> lock(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM payments WHERE id = ? FOR UPDATE", JdbcPayments::map, id);
    }

    @Override
    public List<Payment> listForRegistration(UUID registrationId) {
        return sql.list("SELECT " + COLUMNS + " FROM payments WHERE registration_id = ? ORDER BY attempt",
                JdbcPayments::map, registrationId);
    }

    @Override
    public void recordProviderState(UUID id, String providerPaymentId, PaymentStatus status, Map<String, Object> redacted) {
        sql.update("""
                UPDATE payments SET provider_payment_id = coalesce(provider_payment_id, ?), status = ?::payment_status,
                  provider_response = ?
                WHERE id = ?""", providerPaymentId, status, new Sql.Json(redacted), id);
    }

    @Override
    public void recordRefunded(UUID id, long refundedMinor, PaymentStatus status) {
        sql.update("UPDATE payments SET refunded_minor = ?, status = ?::payment_status WHERE id = ?", refundedMinor,
                status, id);
    }

    @Override
    public boolean recordEvent(UUID orgId, String provider, String eventId, String type, UUID paymentId) {
        return sql.update("""
                INSERT INTO payment_webhook_events (org_id, provider, event_id, event_type, payment_id)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT payment_webhook_events_key DO NOTHING
                """, orgId, provider, eventId, type, paymentId) == 1;
    }

    @Override
    public boolean eventRecorded(String provider, String eventId) {
        return sql.one("SELECT 1 FROM payment_webhook_events WHERE provider = ? AND event_id = ?", rs -> true,
                provider, eventId).isPresent();
    }

    @Override
    public void insertRefund(UUID orgId, Refund r, UUID requestedBy) {
        sql.update("""
                INSERT INTO payment_refunds (id, org_id, payment_id, amount_minor, reason, idempotency_key, status,
                  requested_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::refund_status, ?, ?)
                """, r.id(), orgId, r.paymentId(), r.amountMinor(), r.reason(), r.idempotencyKey(), r.status(),
                requestedBy, r.createdAt());
    }

    @Override
    public List<Refund> refunds(UUID paymentId) {
        return sql.list("SELECT " + REFUND_COLUMNS + " FROM payment_refunds WHERE payment_id = ? ORDER BY created_at, id",
                JdbcPayments::mapRefund, paymentId);
    }

    @Override
    public boolean settleRefund(UUID refundId, Refund.Status status, String providerRefundId, Map<String, Object> redacted) {
        return sql.update("""
                UPDATE payment_refunds SET status = ?::refund_status, provider_refund_id = ?, provider_response = ?
                WHERE id = ? AND status = 'pending'""", status, providerRefundId, new Sql.Json(redacted), refundId) == 1;
    }

    private static Payment map(ResultSet rs) throws SQLException {
        return new Payment(uuid(rs, "id"), uuid(rs, "org_id"), uuid(rs, "registration_id"), rs.getString("provider"),
                rs.getString("provider_payment_id"), rs.getString("idempotency_key"), rs.getInt("attempt"),
                rs.getLong("amount_minor"), rs.getLong("refunded_minor"), rs.getString("currency"),
                PaymentStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Refund mapRefund(ResultSet rs) throws SQLException {
        return new Refund(uuid(rs, "id"), uuid(rs, "payment_id"), rs.getLong("amount_minor"), rs.getString("reason"),
                rs.getString("idempotency_key"), Refund.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getString("provider_refund_id"), instant(rs, "created_at"));
    }
}
