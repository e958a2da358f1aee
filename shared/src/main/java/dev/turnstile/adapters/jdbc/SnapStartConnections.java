package dev.turnstile.adapters.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart freezes a function after init and thaws copies of it later, possibly hours later and
 * many times: a pooled database connection in the snapshot would be a dead socket shared by every
 * copy. Connections are evicted before the snapshot and again after each restore (one opened in
 * between would be just as stale); the pool opens fresh ones on first use. Outside a CRaC-capable
 * runtime (tests, the local runtime) registration is a no-op.
 */
public final class SnapStartConnections implements Resource {

    private final HikariDataSource pool;

    private SnapStartConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Registers the pool; the returned resource must stay reachable (CRaC holds it weakly). */
    public static SnapStartConnections register(HikariDataSource pool) {
        SnapStartConnections resource = new SnapStartConnections(pool);
        Core.getGlobalContext().register(resource);
        return resource;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        evict();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        evict();
    }

    void evict() {
        var bean = pool.getHikariPoolMXBean();
        if (bean != null) {
            bean.softEvictConnections();
        }
    }
}
