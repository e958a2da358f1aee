package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.jsonObject;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.session.Speaker;
import dev.turnstile.session.SpeakerRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public final class JdbcSpeakers implements SpeakerRepository {

    private static final String COLUMNS = "id, org_id, name, title, bio, photo_url, email, social_links, created_at, updated_at";

    private final Sql sql;

    public JdbcSpeakers(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Speaker s) {
        sql.update("""
                INSERT INTO speakers (id, org_id, name, title, bio, photo_url, email, social_links)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, s.id(), s.orgId(), s.name(), s.title(), s.bio(), s.photoUrl(), s.email(), new Sql.Json(s.socialLinks()));
    }

    @Override
    public Optional<Speaker> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM speakers WHERE id = ?", JdbcSpeakers::map, id);
    }

    @Override
    public void update(Speaker s) {
        sql.update("UPDATE speakers SET name = ?, title = ?, bio = ?, photo_url = ?, email = ?, social_links = ? WHERE id = ?",
                s.name(), s.title(), s.bio(), s.photoUrl(), s.email(), new Sql.Json(s.socialLinks()), s.id());
    }

    @Override
    public boolean delete(UUID id) {
        return sql.update("DELETE FROM speakers WHERE id = ?", id) == 1;
    }

    @Override
    public List<Speaker> list(String text) {
        if (text == null) {
            return sql.list("SELECT " + COLUMNS + " FROM speakers ORDER BY lower(name), id", JdbcSpeakers::map);
        }
        String pattern = Sql.containsPattern(text);
        return sql.list("SELECT " + COLUMNS + " FROM speakers WHERE name ILIKE ? ESCAPE '\\' ORDER BY lower(name), id",
                JdbcSpeakers::map, pattern);
    }

    @Override
    public List<UUID> existing(Collection<UUID> ids) {
        return sql.list("SELECT id FROM speakers WHERE id = ANY (?)", rs -> uuid(rs, "id"),
                (Object) ids.toArray(new UUID[0]));
    }

    private static Speaker map(ResultSet rs) throws SQLException {
        return new Speaker(uuid(rs, "id"), uuid(rs, "org_id"), rs.getString("name"), rs.getString("title"),
                rs.getString("bio"), rs.getString("photo_url"), rs.getString("email"), jsonObject(rs, "social_links"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
