package dev.turnstile.adapters.jdbc;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.UserRepository;

public final class JdbcUsers implements UserRepository {

    private final Sql sql;

    public JdbcUsers(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void ensure(Principal p) {
        // the identity provider owns e-mail and name: keep ours in step with its latest token
        sql.update("""
                INSERT INTO users (id, email, email_verified, name) VALUES (?, ?, true, ?)
                ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name
                WHERE users.email IS DISTINCT FROM excluded.email OR users.name IS DISTINCT FROM excluded.name
                """, p.userId(), p.email(), p.name());
    }
}
