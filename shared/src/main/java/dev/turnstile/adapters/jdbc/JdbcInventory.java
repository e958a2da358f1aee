package dev.turnstile.adapters.jdbc;

import dev.turnstile.registration.Inventory;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The conditional writes of docs/inventory.md. Each is one UPDATE whose WHERE clause is the limit:
 * PostgreSQL re-evaluates it on the latest row version after waiting for a concurrent writer, so
 * two transactions can never both fit into the same last seat. The table's check constraint
 * (sold + held <= capacity) is the second line of defence.
 */
public final class JdbcInventory implements Inventory {

    private final Sql sql;

    public JdbcInventory(Sql sql) {
        this.sql = sql;
    }

    @Override
    public OptionalInt take(UUID ticketTypeId, int quantity, boolean sold, Instant now) {
        String column = sold ? "quantity_sold" : "quantity_held";
        return sql.one("UPDATE ticket_types SET " + column + " = " + column + " + ?"
                + " WHERE id = ? AND is_active AND quantity_sold + quantity_held + ? <= capacity"
                + " AND (sale_starts_at IS NULL OR sale_starts_at <= ?) AND (sale_ends_at IS NULL OR ? < sale_ends_at)"
                + " RETURNING capacity - quantity_sold - quantity_held",
                rs -> rs.getInt(1), quantity, ticketTypeId, quantity, now, now)
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    @Override
    public void release(UUID ticketTypeId, int quantity, boolean sold) {
        String column = sold ? "quantity_sold" : "quantity_held";
        int rows = sql.update("UPDATE ticket_types SET " + column + " = " + column + " - ? WHERE id = ? AND " + column + " >= ?",
                quantity, ticketTypeId, quantity);
        if (rows != 1) {
            throw new IllegalStateException("Releasing " + quantity + " " + column + " of " + ticketTypeId + " would go below zero");
        }
    }

    @Override
    public void sell(UUID ticketTypeId, int quantity) {
        int rows = sql.update("UPDATE ticket_types SET quantity_held = quantity_held - ?, quantity_sold = quantity_sold + ?"
                + " WHERE id = ? AND quantity_held >= ?", quantity, quantity, ticketTypeId, quantity);
        if (rows != 1) {
            throw new IllegalStateException("Selling " + quantity + " held seats of " + ticketTypeId + " that are not held");
        }
    }

    @Override
    public boolean takeEventSeats(UUID eventId, int seats) {
        return sql.update("UPDATE events SET seats_taken = seats_taken + ? WHERE id = ? AND seats_taken + ? <= capacity",
                seats, eventId, seats) == 1;
    }

    @Override
    public void releaseEventSeats(UUID eventId, int seats) {
        sql.update("UPDATE events SET seats_taken = greatest(seats_taken - ?, 0) WHERE id = ?", seats, eventId);
    }
}
