package dev.turnstile.payment;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.Invalid;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.registration.Registration;
import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.registration.Seats;
import dev.turnstile.registration.Ticket;
import dev.turnstile.registration.TicketStatus;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An organizer (admin or owner) refunds a paid registration: all of it ({@code {}}), single
 * tickets ({@code ticketIds}: each gives back what it cost, discount and tax included), or an
 * amount without tickets ({@code amountMinor}, a goodwill gesture). In one transaction, with the
 * payment locked first and then the registration (the webhook path's order): the refund is
 * recorded (never more than was paid, counting refunds still pending, so two refunds at once
 * cannot exceed it), and the refunded tickets end, their seats released through {@link Seats}
 * (the registration too, once none of its tickets is left). The refund is then executed at the
 * provider with its own idempotency key; its state follows the provider's webhooks.
 */
public final class RefundRegistration {

    /**
     * @param amountMinor the amount to give back without tickets; null with null ticketIds: everything left
     * @param ticketIds   the tickets to refund, each for what it cost
     */
    public record Command(Long amountMinor, List<UUID> ticketIds) {
    }

    /** The refund and where the payment and the registration stand after it. */
    public record Refunded(UUID paymentId, UUID refundId, long amountMinor, Refund.Status status, long paidMinor,
                           long refundedMinor, String currency, PaymentStatus paymentStatus, List<UUID> ticketIds,
                           String registrationStatus) {
    }

    private final OrgAccess access;
    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final PaymentRepository payments;
    private final PaymentStates states;
    private final Seats seats;
    private final Clock clock;

    public RefundRegistration(OrgAccess access, Transactions transactions, RegistrationRepository registrations,
                              PaymentRepository payments, PaymentStates states, Seats seats, Clock clock) {
        this.access = access;
        this.transactions = transactions;
        this.registrations = registrations;
        this.payments = payments;
        this.states = states;
        this.seats = seats;
        this.clock = clock;
    }

    public Refunded refund(Principal caller, UUID orgId, UUID eventId, UUID registrationId, Command command) {
        if (command.amountMinor() != null && command.ticketIds() != null) {
            throw new Invalid("ticketIds", "give either ticketIds or amountMinor, not both");
        }
        if (command.ticketIds() != null && (command.ticketIds().isEmpty() || command.ticketIds().contains(null))) {
            throw new Invalid("ticketIds", "must list at least one ticket id");
        }
        Refund requested = access.write(caller, orgId, Role.ADMIN, () -> {
            registrations.find(registrationId).filter(r -> r.eventId().equals(eventId))
                    .orElseThrow(() -> new NotFound("registration", registrationId));
            Payment paid = payments.listForRegistration(registrationId).stream().filter(p -> p.status().isPaid())
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new Conflict("no_payment", "This registration has no succeeded payment to refund"));
            payments.lock(paid.id()).orElseThrow(); // the payment first, then the registration: one lock order
            Registration r = registrations.lock(registrationId).orElseThrow();
            long left = paid.amountMinor() - payments.refunds(paid.id()).stream()
                    .filter(x -> x.status() != Refund.Status.FAILED).mapToLong(Refund::amountMinor).sum();
            List<UUID> tickets;
            long amount;
            if (command.ticketIds() != null) {
                Set<UUID> wanted = new LinkedHashSet<>(command.ticketIds());
                List<Ticket> chosen = r.tickets().stream().filter(t -> wanted.contains(t.id())).toList();
                if (chosen.size() != wanted.size()) {
                    throw new NotFound("ticket", wanted.stream().filter(id -> chosen.stream()
                            .noneMatch(t -> t.id().equals(id))).findFirst().orElseThrow());
                }
                tickets = List.copyOf(wanted);
                // what the tickets cost; less if goodwill refunds have already given part of the money back
                amount = Math.min(left, chosen.stream().mapToLong(Ticket::totalMinor).sum());
            } else if (command.amountMinor() == null) {
                tickets = r.tickets().stream().filter(t -> t.status() == TicketStatus.ISSUED).map(Ticket::id).toList();
                amount = left;
                if (left == 0 && tickets.isEmpty()) {
                    throw new Conflict("refund_exceeds_payment", "Everything paid has been refunded already");
                }
            } else {
                tickets = List.of();
                amount = command.amountMinor();
            }
            if (!tickets.isEmpty()) {
                seats.refund(r, tickets, clock.instant());
            }
            if (amount == 0 && !tickets.isEmpty()) {
                return null; // the tickets end; the money went back already
            }
            return states.requestRefund(paid.id(), amount, "requested_by_organizer", caller.userId(), tickets);
        });
        if (requested != null) {
            states.executeRefunds(orgId, requested.paymentId());
        }
        return transactions.read(TenantContext.of(orgId, caller.userId()), () -> {
            Payment p = payments.listForRegistration(registrationId).stream().filter(x -> x.status().isPaid())
                    .reduce((first, second) -> second).orElseThrow();
            Registration r = registrations.find(registrationId).orElseThrow();
            String status = r.status().name().toLowerCase(java.util.Locale.ROOT);
            if (requested == null) {
                return new Refunded(p.id(), null, 0, null, p.amountMinor(), p.refundedMinor(), p.currency(), p.status(),
                        command.ticketIds(), status);
            }
            Refund x = payments.refunds(p.id()).stream().filter(f -> f.id().equals(requested.id())).findFirst()
                    .orElseThrow();
            return new Refunded(p.id(), x.id(), x.amountMinor(), x.status(), p.amountMinor(), p.refundedMinor(),
                    p.currency(), p.status(), x.ticketIds(), status);
        });
    }
}
