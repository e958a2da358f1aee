package dev.turnstile.payment;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's webhook delivery. Verified with the provider's own scheme on the raw body, it is a
 * trigger only: the payment's state is read from the provider (and an approved PayPal order is
 * captured) before anything is decided, so a failure or refund event arriving before the success
 * event changes nothing wrongly. Each event is applied exactly once: its id is recorded under a
 * unique key in the same transaction as its effect, so a second delivery, sequential or
 * concurrent, finds it and does nothing. Events about payments that are not ours, and event types
 * we do not act on, are acknowledged and ignored.
 */
public final class HandlePaymentWebhook {

    private static final Logger log = LoggerFactory.getLogger(HandlePaymentWebhook.class);

    /** What became of a delivery; each is acknowledged with 200. */
    public enum Result { APPLIED, DUPLICATE, IGNORED }

    private final Transactions transactions;
    private final PaymentLookups lookups;
    private final PaymentRepository payments;
    private final PaymentStates states;

    public HandlePaymentWebhook(Transactions transactions, PaymentLookups lookups, PaymentRepository payments,
                                PaymentStates states) {
        this.transactions = transactions;
        this.lookups = lookups;
        this.payments = payments;
        this.states = states;
    }

    /** @throws WebhookRejected if the delivery does not verify; nothing changes then */
    public Result handle(String providerName, Map<String, String> headers, String rawBody) {
        PaymentProvider provider = states.providers().get(providerName, "provider");
        WebhookEvent event = provider.verifyWebhook(headers, rawBody);
        if (event.payment().isEmpty()) {
            return Result.IGNORED;
        }
        Optional<PaymentLookups.Item> item = transactions.read(TenantContext.none(),
                () -> lookups.byProviderPayment(provider.name(), event.providerPaymentId()));
        if (item.isEmpty()) {
            log.info("Ignoring {} event {} about {} payment {}, which is not ours", event.type(), event.eventId(),
                    provider.name(), event.providerPaymentId());
            return Result.IGNORED;
        }
        TenantContext context = TenantContext.system(item.get().orgId());
        Payment known = transactions.read(context, () -> payments.find(item.get().paymentId())).orElseThrow();
        if (transactions.read(context, () -> payments.eventRecorded(provider.name(), event.eventId()))) {
            states.executeRefunds(known.orgId(), known.id()); // what an earlier delivery left to do
            return Result.DUPLICATE;
        }
        ProviderPayment state = provider.fetch(event.providerPaymentId());
        if (state.status() == ProviderStatus.AUTHORIZED && known.status().isOpen()) {
            // approved (PayPal): take the money; a cancelled attempt (its hold ran out) is left to lapse
            state = provider.capture(event.providerPaymentId(), known.idempotencyKey() + "-capture");
        }
        ProviderPayment current = state;
        Result result = transactions.write(context, () -> {
            if (!payments.recordEvent(known.orgId(), provider.name(), event.eventId(), event.type(), known.id())) {
                return Result.DUPLICATE;
            }
            Payment locked = payments.lock(known.id()).orElseThrow();
            states.apply(locked, current, states.now());
            return Result.APPLIED;
        });
        states.executeRefunds(known.orgId(), known.id());
        return result;
    }
}
