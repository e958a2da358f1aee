package dev.turnstile.tenancy;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction whose tenant context is set before the first statement.
 * Everything the work does commits together or not at all: a refused request changes nothing.
 */
public interface Transactions {

    <T> T write(TenantContext context, Supplier<T> work);

    <T> T read(TenantContext context, Supplier<T> work);
}
