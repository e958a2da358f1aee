package dev.turnstile.payment;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.UUID;

/**
 * An organizer (admin or owner) refunds a paid registration, in full or in part: the refund is
 * recorded under the payment's lock (never more than was paid, counting refunds still pending),
 * then executed at the provider with its own idempotency key. What the ticket and inventory status
 * do after a full refund is still to come (docs/payments.md).
 */
public final class RefundRegistration {

    /** @param amountMinor the amount to give back; null: all that is left */
    public record Command(Long amountMinor) {
    }

    /** The refund and where the payment stands after it. */
    public record Refunded(UUID paymentId, UUID refundId, long amountMinor, Refund.Status status, long paidMinor,
                           long refundedMinor, String currency, PaymentStatus paymentStatus) {
    }

    private final OrgAccess access;
    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final PaymentRepository payments;
    private final PaymentStates states;

    public RefundRegistration(OrgAccess access, Transactions transactions, RegistrationRepository registrations,
                              PaymentRepository payments, PaymentStates states) {
        this.access = access;
        this.transactions = transactions;
        this.registrations = registrations;
        this.payments = payments;
        this.states = states;
    }

    public Refunded refund(Principal caller, UUID orgId, UUID eventId, UUID registrationId, Command command) {
        Refund requested = access.write(caller, orgId, Role.ADMIN, () -> {
            registrations.find(registrationId).filter(r -> r.eventId().equals(eventId))
                    .orElseThrow(() -> new NotFound("registration", registrationId));
            Payment paid = payments.listForRegistration(registrationId).stream().filter(p -> p.status().isPaid())
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new Conflict("no_payment", "This registration has no succeeded payment to refund"));
            long left = paid.amountMinor() - payments.refunds(paid.id()).stream()
                    .filter(r -> r.status() != Refund.Status.FAILED).mapToLong(Refund::amountMinor).sum();
            long amount = command.amountMinor() == null ? left : command.amountMinor();
            if (command.amountMinor() == null && left == 0) {
                throw new Conflict("refund_exceeds_payment", "Everything paid has been refunded already");
            }
            return states.requestRefund(paid.id(), amount, "requested_by_organizer", caller.userId());
        });
        states.executeRefunds(orgId, requested.paymentId());
        return transactions.read(TenantContext.of(orgId, caller.userId()), () -> {
            Payment p = payments.find(requested.paymentId()).orElseThrow();
            Refund r = payments.refunds(p.id()).stream().filter(x -> x.id().equals(requested.id())).findFirst()
                    .orElseThrow();
            return new Refunded(p.id(), r.id(), r.amountMinor(), r.status(), p.amountMinor(), p.refundedMinor(),
                    p.currency(), p.status());
        });
    }
}
