package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.jsonObject;
import static dev.turnstile.adapters.jdbc.Sql.textArray;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.event.Event;
import dev.turnstile.event.EventQuery;
import dev.turnstile.event.EventRepository;
import dev.turnstile.event.EventStatus;
import dev.turnstile.event.EventType;
import dev.turnstile.event.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Events. Queries carry no org_id filter of their own: row-level security supplies it. */
public final class JdbcEvents implements EventRepository {

    private static final String COLUMNS = """
            id, org_id, title, slug, description, event_type::text, visibility::text, starts_at, ends_at, time_zone,
            location, custom_fields, contact, tags, series_id, cloned_from, is_published, published_at, archived_at,
            deleted_at, version, created_at, updated_at""";

    private final Sql sql;

    public JdbcEvents(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Event e) {
        sql.update("""
                INSERT INTO events (id, org_id, title, slug, description, event_type, visibility, starts_at, ends_at,
                  time_zone, location, custom_fields, contact, tags, series_id, cloned_from)
                VALUES (?, ?, ?, ?, ?, ?::event_type, ?::event_visibility, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, e.id(), e.orgId(), e.title(), e.slug(), e.description(), e.type(), e.visibility(), e.startsAt(),
                e.endsAt(), e.timeZone(), new Sql.Json(e.location()), new Sql.Json(e.customFields()),
                new Sql.Json(e.contact()), new Sql.TextArray(e.tags()), e.seriesId(), e.clonedFrom());
    }

    @Override
    public Optional<Event> find(UUID id) {
        return sql.one(BY_ID, JdbcEvents::map, id);
    }

    /** One event; one parameter, its id. */
    static final String BY_ID = "SELECT " + COLUMNS + " FROM events WHERE id = ?";

    @Override
    public Optional<Event> findBySlug(String slug) {
        return sql.one("SELECT " + COLUMNS + " FROM events WHERE slug = ? AND deleted_at IS NULL", JdbcEvents::map, slug);
    }

    @Override
    public Optional<Event> lock(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM events WHERE id = ? FOR UPDATE", JdbcEvents::map, id);
    }

    @Override
    public void update(Event e) {
        sql.update("""
                UPDATE events SET title = ?, slug = ?, description = ?, event_type = ?::event_type,
                  visibility = ?::event_visibility, starts_at = ?, ends_at = ?, time_zone = ?, location = ?,
                  custom_fields = ?, contact = ?, tags = ?, series_id = ?, is_published = ?, published_at = ?,
                  archived_at = ?, deleted_at = ?, version = version + 1
                WHERE id = ?
                """, e.title(), e.slug(), e.description(), e.type(), e.visibility(), e.startsAt(), e.endsAt(),
                e.timeZone(), new Sql.Json(e.location()), new Sql.Json(e.customFields()), new Sql.Json(e.contact()),
                new Sql.TextArray(e.tags()), e.seriesId(), e.published(), e.publishedAt(), e.archivedAt(),
                e.deletedAt(), e.id());
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM events WHERE id = ?", id);
    }

    @Override
    public boolean hasRegistrations(UUID eventId) {
        return sql.one("SELECT EXISTS (SELECT 1 FROM registrations WHERE event_id = ?)", rs -> rs.getBoolean(1), eventId)
                .orElse(false);
    }

    @Override
    public List<Event> list(EventQuery q) {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> params = new ArrayList<>();
        List<String> statusClauses = new ArrayList<>();
        for (EventStatus status : q.statuses()) {
            statusClauses.add(switch (status) {
                case DRAFT -> "(deleted_at IS NULL AND archived_at IS NULL AND NOT is_published)";
                case PUBLISHED -> "(deleted_at IS NULL AND archived_at IS NULL AND is_published)";
                case ARCHIVED -> "(deleted_at IS NULL AND archived_at IS NOT NULL)";
                case DELETED -> "(deleted_at IS NOT NULL)";
            });
        }
        where.append(" AND (").append(String.join(" OR ", statusClauses)).append(')');
        if (q.text() != null) {
            where.append(" AND (title ILIKE ? ESCAPE '\\' OR description ILIKE ? ESCAPE '\\')");
            String pattern = Sql.containsPattern(q.text());
            params.add(pattern);
            params.add(pattern);
        }
        if (q.from() != null) {
            where.append(" AND starts_at >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            where.append(" AND starts_at < ?");
            params.add(q.to());
        }
        if (q.endsAfter() != null) {
            where.append(" AND ends_at > ?");
            params.add(q.endsAfter());
        }
        if (q.type() != null) {
            where.append(" AND event_type = ?::event_type");
            params.add(q.type());
        }
        if (q.visibility() != null) {
            where.append(" AND visibility = ?::event_visibility");
            params.add(q.visibility());
        }
        if (q.seriesId() != null) {
            where.append(" AND series_id = ?");
            params.add(q.seriesId());
        }
        if (q.tag() != null) {
            where.append(" AND ? = ANY (tags)");
            params.add(q.tag());
        }
        q.cursor().ifPresent(after -> {
            where.append(" AND (starts_at, id) > (?, ?)");
            params.add(after.startsAt());
            params.add(after.id());
        });
        params.add(q.limit());
        return sql.list("SELECT " + COLUMNS + " FROM events WHERE " + where + " ORDER BY starts_at, id LIMIT ?",
                JdbcEvents::map, params.toArray());
    }

    static Event map(ResultSet rs) throws SQLException {
        return new Event(uuid(rs, "id"), uuid(rs, "org_id"), rs.getString("title"), rs.getString("slug"),
                rs.getString("description"), EventType.valueOf(rs.getString("event_type").toUpperCase(Locale.ROOT)),
                Visibility.valueOf(rs.getString("visibility").toUpperCase(Locale.ROOT)), instant(rs, "starts_at"),
                instant(rs, "ends_at"), rs.getString("time_zone"), jsonObject(rs, "location"),
                jsonObject(rs, "custom_fields"), jsonObject(rs, "contact"), textArray(rs, "tags"), uuid(rs, "series_id"),
                uuid(rs, "cloned_from"), rs.getBoolean("is_published"), instant(rs, "published_at"),
                instant(rs, "archived_at"), instant(rs, "deleted_at"), rs.getInt("version"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
