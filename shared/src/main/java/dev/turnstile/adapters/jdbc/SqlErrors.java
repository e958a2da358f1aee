package dev.turnstile.adapters.jdbc;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.Invalid;
import dev.turnstile.common.NotFound;
import java.sql.SQLException;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns the constraint violations that a correct request can still hit (a slug taken a moment
 * ago by someone else) into domain refusals. Anything else stays a server error.
 */
final class SqlErrors {

    private static final Map<String, String> CONFLICTS = Map.of(
            "organizations_slug_key", "An organization with this slug exists; choose another slug",
            "events_org_slug_key", "This organization has an event with this slug; choose another slug",
            "org_members_org_user_key", "This user is a member already",
            "session_speakers_key", "This speaker is on this session already");

    private SqlErrors() {
    }

    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String constraint = constraintOf(e);
        switch (state) {
            case "23505" -> {
                switch (constraint == null ? "" : constraint) {
                    case "registrations_confirmation_number_key" -> {
                        return new Conflict("confirmation_number_taken", "A confirmation number was drawn twice; retry");
                    }
                    case "registrations_idempotency_key" -> {
                        return new Conflict("duplicate_request", "The same request is being processed; retry");
                    }
                    case "waitlist_entries_live_key" -> {
                        return new Conflict("already_waiting", "You are on this waitlist already");
                    }
                    case "promo_codes_event_code_key" -> {
                        return new Conflict("promo_code_taken", "This event has a promo code with this code already");
                    }
                    default -> { }
                }
                String detail = CONFLICTS.getOrDefault(constraint, "This conflicts with existing data (" + constraint + ")");
                String code = constraint != null && constraint.endsWith("slug_key") ? "slug_taken" : "conflict";
                return new Conflict(code, detail);
            }
            case "23503" -> {
                if (constraint != null && constraint.endsWith("_currency_fkey")) {
                    return new Invalid("currency", "is not a currency we accept (withdrawn or unknown)");
                }
                return new NotFound("reference_not_found", "A referenced record does not exist (" + constraint + ")");
            }
            case "23514" -> {
                // the invariants' second line of defence: the conditional writes should never let these through
                switch (constraint == null ? "" : constraint) {
                    case "ticket_types_within_capacity" -> {
                        return new Conflict("sold_out", "Not enough seats left");
                    }
                    case "events_within_capacity" -> {
                        return new Conflict("event_full", "The event is full");
                    }
                    case "promo_codes_within_limit" -> {
                        return new Conflict("promo_code_exhausted", "The promo code has been used up");
                    }
                    default -> {
                        return new Invalid("body", "A value breaks a rule of the data model"
                                + (constraint == null ? "" : " (" + constraint + ")"));
                    }
                }
            }
            case "22P02", "22023", "22001" -> {
                return new Invalid("body", "A value breaks a rule of the data model"
                        + (constraint == null ? "" : " (" + constraint + ")"));
            }
            case "40001", "40P01" -> {
                return new Conflict("retry", "The request collided with another; retry it");
            }
            default -> {
                return new IllegalStateException("Database error " + state, e);
            }
        }
    }

    private static String constraintOf(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null) {
                return m.getConstraint();
            }
        }
        return null;
    }
}
