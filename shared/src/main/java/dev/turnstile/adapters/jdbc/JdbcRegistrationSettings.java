package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.integer;

import dev.turnstile.registration.RegistrationSettings;
import dev.turnstile.registration.RegistrationSettingsRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Registration settings live on the events row. */
public final class JdbcRegistrationSettings implements RegistrationSettingsRepository {

    private static final String COLUMNS = "capacity, seats_taken, hold_minutes, waitlist_offer_minutes, attendee_cancellation";

    private final Sql sql;

    public JdbcRegistrationSettings(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<RegistrationSettings> find(UUID eventId) {
        return sql.one("SELECT " + COLUMNS + " FROM events WHERE id = ?", JdbcRegistrationSettings::map, eventId);
    }

    @Override
    public RegistrationSettings readForRegistration(UUID eventId) {
        return found(eventId, sql.one(FOR_REGISTRATION, JdbcRegistrationSettings::map, eventId));
    }

    /** The row {@link #FOR_REGISTRATION} read: the event was found before its registration began. */
    static RegistrationSettings found(UUID eventId, java.util.Optional<RegistrationSettings> row) {
        return row.orElseThrow(() -> new IllegalStateException("Event " + eventId + " vanished during registration"));
    }

    /** The event's registration settings, key-share locked until commit; one parameter, the event's id. */
    static final String FOR_REGISTRATION = "SELECT " + COLUMNS + " FROM events WHERE id = ? FOR KEY SHARE";

    @Override
    public void update(UUID eventId, RegistrationSettings s) {
        sql.update("""
                UPDATE events SET capacity = ?, seats_taken = ?, hold_minutes = ?, waitlist_offer_minutes = ?,
                  attendee_cancellation = ?
                WHERE id = ?
                """, s.capacity(), s.capacity() == null ? 0 : s.seatsTaken(), s.holdMinutes(), s.waitlistOfferMinutes(),
                s.attendeeCancellation(), eventId);
    }

    static RegistrationSettings map(ResultSet rs) throws SQLException {
        return new RegistrationSettings(integer(rs, "capacity"), rs.getInt("seats_taken"), rs.getInt("hold_minutes"),
                rs.getInt("waitlist_offer_minutes"), rs.getBoolean("attendee_cancellation"));
    }
}
