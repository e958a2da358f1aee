package dev.turnstile.api.routes;

import static dev.turnstile.catalogue.ApiRoutes.*;

import dev.turnstile.api.ApiRequest;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.api.BadRequest;
import dev.turnstile.api.Router;
import dev.turnstile.payment.HandlePaymentWebhook;
import dev.turnstile.payment.StartPayment;
import dev.turnstile.payment.WebhookRejected;
import dev.turnstile.wiring.Services;
import java.util.Map;

/** Paying a pending registration, and the providers' webhooks. */
public final class PaymentRoutes {

    private PaymentRoutes() {
    }

    public static void bind(Router router, Services s) {
        router.bind(START_PAYMENT, req -> {
            StartPayment.Started started = s.startPayment.start(req.principal(),
                    req.pathId("registrationId", "registration"), req.body(StartPayment.Command.class));
            // the workflow watches it from here until paid or released (once per registration)
            s.watchPayment.started(req.principal(), req.pathId("registrationId", "registration"));
            return ApiResponse.created("/v1/me/registrations/" + req.pathParam("registrationId") + "/payments/"
                    + started.paymentId(), started);
        });
        router.bind(REFUND_REGISTRATION, req -> ApiResponse.json(201, s.refundRegistration.refund(req.principal(), req.pathId("orgId", "organization"),
                        req.pathId("eventId", "event"), req.pathId("registrationId", "registration"),
                        req.body(dev.turnstile.payment.RefundRegistration.Command.class))));
        router.bind(STRIPE_WEBHOOK, req -> webhook(s, "stripe", req));
        router.bind(PAYPAL_WEBHOOK, req -> webhook(s, "paypal", req));
    }

    /** 200 for every verified delivery (applied, duplicate or ignored), so the provider stops resending it. */
    private static ApiResponse webhook(Services s, String provider, ApiRequest req) {
        try {
            HandlePaymentWebhook.Result result = s.handlePaymentWebhook.handle(provider, req.headers(), req.rawBody());
            return ApiResponse.ok(Map.of("received", true, "result", result.name().toLowerCase(java.util.Locale.ROOT)));
        } catch (WebhookRejected e) {
            throw new BadRequest(e.header(), e.getMessage());
        }
    }
}
