package dev.turnstile.bench;

import dev.turnstile.common.Unavailable;
import dev.turnstile.payment.NewPayment;
import dev.turnstile.payment.PaymentProvider;
import dev.turnstile.payment.ProviderPayment;
import dev.turnstile.payment.ProviderRefund;
import dev.turnstile.payment.ProviderStatus;
import dev.turnstile.payment.WebhookEvent;
import dev.turnstile.payment.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A payment provider simulated in-process for the fault-injection benchmark: it keeps the state of
 * each payment and refund as a provider would (idempotent by key), emits signed webhook events
 * when a state changes, and injects faults: a call that fails before the provider acts (a 5xx),
 * and a call whose effect happens but whose answer is lost (a timeout). It is the far side of the
 * port, not a double of our code; the workflow runs unchanged against it.
 */
final class ProviderSimulator implements PaymentProvider {

    static final String NAME = "sim";
    private static final byte[] SECRET = "bench-webhook-secret".getBytes(StandardCharsets.UTF_8);

    /** A provider payment's state, as the provider knows it. */
    static final class SimPayment {
        final String id;
        final String key;
        final long amountMinor;
        final String currency;
        volatile ProviderStatus status = ProviderStatus.REQUIRES_ACTION;
        final Map<String, SimRefund> refunds = new ConcurrentHashMap<>();

        SimPayment(String id, String key, long amountMinor, String currency) {
            this.id = id;
            this.key = key;
            this.amountMinor = amountMinor;
            this.currency = currency;
        }

        synchronized long refundedMinor() {
            return refunds.values().stream().filter(r -> r.status == ProviderRefund.Status.SUCCEEDED)
                    .mapToLong(r -> r.amountMinor).sum();
        }

        long keptMinor() {
            return status == ProviderStatus.SUCCEEDED ? amountMinor - refundedMinor() : 0;
        }
    }

    static final class SimRefund {
        final String id;
        final String paymentId;
        final long amountMinor;
        volatile ProviderRefund.Status status;

        SimRefund(String id, String paymentId, long amountMinor, ProviderRefund.Status status) {
            this.id = id;
            this.paymentId = paymentId;
            this.amountMinor = amountMinor;
            this.status = status;
        }
    }

    /** A webhook delivery as it goes over the wire: headers and the raw body. */
    record Delivery(Map<String, String> headers, String body) {
    }

    private final Map<String, SimPayment> byKey = new ConcurrentHashMap<>();
    private final Map<String, SimPayment> byId = new ConcurrentHashMap<>();
    private final Map<String, SimRefund> refundsByKey = new ConcurrentHashMap<>();
    private final Map<String, SimRefund> refundsById = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private volatile double errorRate;
    private volatile double timeoutRate;
    private final double pendingRefundRate;
    private final Consumer<Delivery> webhooks;
    final AtomicLong injectedErrors = new AtomicLong();
    final AtomicLong injectedTimeouts = new AtomicLong();

    ProviderSimulator(double errorRate, double timeoutRate, double pendingRefundRate, Consumer<Delivery> webhooks) {
        this.errorRate = errorRate;
        this.timeoutRate = timeoutRate;
        this.pendingRefundRate = pendingRefundRate;
        this.webhooks = webhooks;
    }

    /** The provider's trouble ends: no more injected errors or lost answers. */
    void recover() {
        errorRate = 0;
        timeoutRate = 0;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A 5xx before the provider acted. */
    private void maybeFail() {
        if (ThreadLocalRandom.current().nextDouble() < errorRate) {
            injectedErrors.incrementAndGet();
            throw new Unavailable("simulated provider error (503)");
        }
    }

    /** The provider acted, but its answer never arrived. */
    private <T> T maybeLose(T answer) {
        if (ThreadLocalRandom.current().nextDouble() < timeoutRate) {
            injectedTimeouts.incrementAndGet();
            throw new Unavailable("simulated timeout after the provider acted");
        }
        return answer;
    }

    @Override
    public ProviderPayment create(NewPayment payment) {
        maybeFail();
        SimPayment p = byKey.computeIfAbsent(payment.idempotencyKey(), key -> {
            SimPayment created = new SimPayment("sim_" + ids.incrementAndGet(), key, payment.amountMinor(),
                    payment.currency());
            byId.put(created.id, created);
            return created;
        });
        return maybeLose(view(p, true));
    }

    @Override
    public ProviderPayment fetch(String providerPaymentId) {
        maybeFail();
        return maybeLose(view(payment(providerPaymentId), false));
    }

    @Override
    public ProviderPayment capture(String providerPaymentId, String idempotencyKey) {
        maybeFail();
        SimPayment p = payment(providerPaymentId);
        synchronized (p) {
            if (p.status == ProviderStatus.AUTHORIZED) {
                p.status = ProviderStatus.SUCCEEDED;
                emit("payment.succeeded", p.id);
            }
        }
        return maybeLose(view(p, false));
    }

    @Override
    public ProviderPayment cancel(String providerPaymentId, String idempotencyKey) {
        maybeFail();
        SimPayment p = payment(providerPaymentId);
        synchronized (p) {
            if (p.status == ProviderStatus.REQUIRES_ACTION || p.status == ProviderStatus.AUTHORIZED
                    || p.status == ProviderStatus.FAILED) {
                p.status = ProviderStatus.CANCELLED;
                emit("payment.cancelled", p.id);
            }
        }
        return maybeLose(view(p, false));
    }

    @Override
    public ProviderRefund refund(String providerPaymentId, long amountMinor, String currency, String idempotencyKey) {
        maybeFail();
        SimPayment p = payment(providerPaymentId);
        SimRefund r;
        synchronized (p) {
            r = refundsByKey.get(idempotencyKey);
            if (r == null) {
                if (p.status != ProviderStatus.SUCCEEDED || p.refunds.values().stream()
                        .filter(x -> x.status != ProviderRefund.Status.FAILED).mapToLong(x -> x.amountMinor).sum()
                        + amountMinor > p.amountMinor) {
                    throw new IllegalStateException("simulated provider refuses: refund exceeds the charge");
                }
                boolean later = ThreadLocalRandom.current().nextDouble() < pendingRefundRate;
                r = new SimRefund("simre_" + ids.incrementAndGet(), p.id, amountMinor,
                        later ? ProviderRefund.Status.PENDING : ProviderRefund.Status.SUCCEEDED);
                refundsByKey.put(idempotencyKey, r);
                refundsById.put(r.id, r);
                p.refunds.put(r.id, r);
                if (!later) {
                    emit("refund.succeeded", p.id);
                }
            }
        }
        return maybeLose(view(r));
    }

    @Override
    public ProviderRefund fetchRefund(String providerRefundId) {
        maybeFail();
        return maybeLose(view(refundsById.get(providerRefundId)));
    }

    @Override
    public WebhookEvent verifyWebhook(Map<String, String> headers, String rawBody) {
        String signature = headers.get("Sim-Signature");
        if (signature == null || !signature.equals(sign(rawBody))) {
            throw new WebhookRejected("Sim-Signature", "does not verify");
        }
        String[] parts = rawBody.split("\\|");
        return new WebhookEvent(parts[0], parts[1], parts[2]);
    }

    // ---- the buyer's and the provider's own actions ----

    /** The buyer pays (or the card is declined) at the provider. */
    void buyerActs(String providerPaymentId, boolean succeeds) {
        SimPayment p = payment(providerPaymentId);
        synchronized (p) {
            if (p.status == ProviderStatus.REQUIRES_ACTION) {
                p.status = succeeds ? ProviderStatus.SUCCEEDED : ProviderStatus.FAILED;
                emit(succeeds ? "payment.succeeded" : "payment.failed", p.id);
            }
        }
    }

    /** The provider settles the refunds it answered "pending" for, and says so by webhook. */
    int settlePendingRefunds() {
        int settled = 0;
        for (SimRefund r : refundsById.values()) {
            SimPayment p = byId.get(r.paymentId);
            synchronized (p) {
                if (r.status == ProviderRefund.Status.PENDING) {
                    r.status = ProviderRefund.Status.SUCCEEDED;
                    emit("refund.succeeded", p.id);
                    settled++;
                }
            }
        }
        return settled;
    }

    Collection<SimPayment> payments() {
        return byId.values();
    }

    SimPayment payment(String providerPaymentId) {
        SimPayment p = byId.get(providerPaymentId);
        if (p == null) {
            throw new IllegalStateException("simulated provider: no payment " + providerPaymentId);
        }
        return p;
    }

    private void emit(String type, String paymentId) {
        String body = "simevt_" + events.incrementAndGet() + "|" + type + "|" + paymentId;
        webhooks.accept(new Delivery(Map.of("Sim-Signature", sign(body)), body));
    }

    private static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProviderPayment view(SimPayment p, boolean withAction) {
        synchronized (p) {
            return new ProviderPayment(p.id, p.status, p.amountMinor, p.currency, p.refundedMinor(),
                    withAction || p.status == ProviderStatus.REQUIRES_ACTION
                            ? new ProviderPayment.BuyerAction(ProviderPayment.BuyerAction.Kind.CLIENT_SECRET, p.id + "_secret")
                            : null,
                    Map.of("id", p.id, "status", p.status.name()));
        }
    }

    private static ProviderRefund view(SimRefund r) {
        return new ProviderRefund(r.id, r.status, r.amountMinor, Map.of("id", r.id, "status", r.status.name()));
    }
}
