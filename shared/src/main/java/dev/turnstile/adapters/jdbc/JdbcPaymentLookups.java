package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.payment.PaymentLookups;
import java.util.List;
import java.util.Optional;

/** The payments' cross-tenant look-ups, each through a SECURITY DEFINER function that answers only its question. */
public final class JdbcPaymentLookups implements PaymentLookups {

    private final Sql sql;

    public JdbcPaymentLookups(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Item> byProviderPayment(String provider, String providerPaymentId) {
        return sql.one("SELECT org_id, payment_id FROM payment_of_provider_payment(?, ?)",
                rs -> new Item(uuid(rs, "org_id"), uuid(rs, "payment_id")), provider, providerPaymentId);
    }

    @Override
    public List<Item> dueFollowUps(int limit) {
        return sql.list("SELECT org_id, payment_id FROM due_payment_follow_ups(?)",
                rs -> new Item(uuid(rs, "org_id"), uuid(rs, "payment_id")), limit);
    }
}
