package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.registration.TaxRate;
import dev.turnstile.registration.TaxRateRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class JdbcTaxRates implements TaxRateRepository {

    private static final String COLUMNS = "r.id, r.org_id, r.name, r.rate_ppm, r.inclusive, r.created_at";

    private final Sql sql;

    public JdbcTaxRates(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(TaxRate r) {
        sql.update("INSERT INTO tax_rates (id, org_id, name, rate_ppm, inclusive, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                r.id(), r.orgId(), r.name(), r.ratePpm(), r.inclusive(), r.createdAt());
    }

    @Override
    public Optional<TaxRate> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM tax_rates r WHERE r.id = ?", JdbcTaxRates::map, id);
    }

    @Override
    public List<TaxRate> list() {
        return sql.list("SELECT " + COLUMNS + " FROM tax_rates r ORDER BY r.name, r.id", JdbcTaxRates::map);
    }

    /** The tax rates of some ticket types (those without one are left out); one parameter, a uuid[] of their ids. */
    static final String FOR_TICKET_TYPES = "SELECT t.id AS ticket_type_id, " + COLUMNS
            + " FROM ticket_types t JOIN tax_rates r ON r.id = t.tax_rate_id WHERE t.id = ANY (?)";

    /** A row of {@link #FOR_TICKET_TYPES}: the ticket type's id and its rate. */
    static Map.Entry<UUID, TaxRate> mapOfType(ResultSet rs) throws SQLException {
        return Map.entry(uuid(rs, "ticket_type_id"), map(rs));
    }


    @Override
    public boolean assign(UUID eventId, UUID ticketTypeId, UUID taxRateId) {
        return sql.update("UPDATE ticket_types SET tax_rate_id = ? WHERE id = ? AND event_id = ?", taxRateId,
                ticketTypeId, eventId) == 1;
    }

    private static TaxRate map(ResultSet rs) throws SQLException {
        return new TaxRate(uuid(rs, "id"), uuid(rs, "org_id"), rs.getString("name"), rs.getInt("rate_ppm"),
                rs.getBoolean("inclusive"), instant(rs, "created_at"));
    }
}
