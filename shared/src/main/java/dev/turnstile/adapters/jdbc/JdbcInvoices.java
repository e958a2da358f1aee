package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.jsonArray;
import static dev.turnstile.adapters.jdbc.Sql.jsonObject;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.invoice.Invoice;
import dev.turnstile.invoice.InvoiceRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class JdbcInvoices implements InvoiceRepository {

    private static final String COLUMNS = """
            id, org_id, number, kind::text, registration_id, payment_id, refund_id, credits, currency, net_minor,
            tax_minor, gross_minor, seller, buyer, lines, issued_at""";

    private final Sql sql;

    public JdbcInvoices(Sql sql) {
        this.sql = sql;
    }

    /**
     * One statement: the first invoice creates the counter row, every later one increments it. The
     * row lock taken by the update (or the insert) is held until the transaction ends, so a
     * concurrent invoice waits for this one to commit (and then draws the next number) or to roll
     * back (and then draws the same one): no number is skipped or used twice.
     */
    @Override
    public long nextNumber(UUID orgId) {
        return sql.one("""
                INSERT INTO invoice_counters AS c (org_id, last_number) VALUES (?, 1)
                ON CONFLICT (org_id) DO UPDATE SET last_number = c.last_number + 1
                RETURNING last_number""", rs -> rs.getLong(1), orgId).orElseThrow();
    }

    @Override
    public void insert(Invoice i) {
        sql.update("""
                INSERT INTO invoices (id, org_id, number, kind, registration_id, payment_id, refund_id, credits, currency,
                  net_minor, tax_minor, gross_minor, seller, buyer, lines, issued_at)
                VALUES (?, ?, ?, ?::invoice_kind, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                i.id(), i.orgId(), i.number(), i.kind(), i.registrationId(), i.paymentId(), i.refundId(), i.credits(),
                i.currency(), i.netMinor(), i.taxMinor(), i.grossMinor(), new Sql.Json(i.seller()),
                new Sql.Json(i.buyer()), new Sql.Json(i.lines().stream().map(JdbcInvoices::json).toList()), i.issuedAt());
    }

    @Override
    public List<Invoice> forRegistration(UUID registrationId) {
        return sql.list("SELECT " + COLUMNS + " FROM invoices WHERE registration_id = ? ORDER BY number",
                JdbcInvoices::map, registrationId);
    }

    @Override
    public Optional<Invoice> forPayment(UUID paymentId) {
        return sql.one("SELECT " + COLUMNS + " FROM invoices WHERE payment_id = ? AND kind = 'invoice'",
                JdbcInvoices::map, paymentId);
    }

    @Override
    public Optional<Invoice> forRefund(UUID refundId) {
        return sql.one("SELECT " + COLUMNS + " FROM invoices WHERE refund_id = ? AND kind = 'credit_note'",
                JdbcInvoices::map, refundId);
    }

    private static Map<String, Object> json(Invoice.Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticketId", l.ticketId() == null ? null : l.ticketId().toString());
        m.put("description", l.description());
        m.put("netMinor", l.netMinor());
        m.put("taxRatePpm", l.taxRatePpm());
        m.put("taxInclusive", l.taxInclusive());
        m.put("taxMinor", l.taxMinor());
        m.put("grossMinor", l.grossMinor());
        return m;
    }

    private static Invoice.Line line(Object o) {
        Map<?, ?> m = (Map<?, ?>) o;
        Object ticket = m.get("ticketId");
        return new Invoice.Line(ticket == null ? null : UUID.fromString(ticket.toString()), (String) m.get("description"),
                ((Number) m.get("netMinor")).longValue(), ((Number) m.get("taxRatePpm")).intValue(),
                (Boolean) m.get("taxInclusive"), ((Number) m.get("taxMinor")).longValue(),
                ((Number) m.get("grossMinor")).longValue());
    }

    private static Invoice map(ResultSet rs) throws SQLException {
        return new Invoice(uuid(rs, "id"), uuid(rs, "org_id"), rs.getLong("number"),
                Invoice.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), uuid(rs, "registration_id"),
                uuid(rs, "payment_id"), uuid(rs, "refund_id"), uuid(rs, "credits"), rs.getString("currency"),
                rs.getLong("net_minor"), rs.getLong("tax_minor"), rs.getLong("gross_minor"), jsonObject(rs, "seller"),
                jsonObject(rs, "buyer"), jsonArray(rs, "lines").stream().map(JdbcInvoices::line).toList(),
                instant(rs, "issued_at"));
    }
}
