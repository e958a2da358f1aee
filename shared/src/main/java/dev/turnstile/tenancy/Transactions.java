package dev.turnstile.tenancy;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs work in one database transaction whose tenant context is set before the first statement.
 * Everything the work does commits together or not at all: a refused request changes nothing.
 */
public interface Transactions {

    <T> T write(TenantContext context, Supplier<T> work);

    <T> T read(TenantContext context, Supplier<T> work);

    /**
     * From here to the end of the current transaction, {@code userId} is the acting user (the
     * audit log records them; row policies that name the user see them), for work done for several
     * users in one transaction. The organization in context stays.
     */
    void actAs(UUID userId);

    /**
     * Runs the action once the current transaction has committed (never if it rolls back): for
     * effects outside the database, such as the check-in table, that must not see uncommitted
     * changes. A failing action is logged, not thrown: the commit has happened.
     */
    void afterCommit(Runnable action);
}
