package dev.turnstile.adapters.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools. Passwords are passed through, never logged. */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource pooled(String jdbcUrl, String user, String password, int maxSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(Math.min(2, maxSize));
        config.setPoolName("turnstile-" + user);
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "turnstile");
        return new HikariDataSource(config);
    }
}
