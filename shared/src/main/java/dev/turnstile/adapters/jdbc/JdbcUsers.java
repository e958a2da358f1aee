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
        // queued: it travels with the transaction's next statement (a failure, e.g. an e-mail another
        // user has, fails the transaction there)
        sql.later("""
                INSERT INTO users (id, email, email_verified, name) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE
                  SET email = excluded.email, email_verified = excluded.email_verified, name = excluded.name
                WHERE (users.email, users.email_verified, users.name)
                      IS DISTINCT FROM (excluded.email, excluded.email_verified, excluded.name)
                """, p.userId(), p.email(), p.emailVerified(), p.name());
    }
}
