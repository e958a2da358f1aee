package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.wiring.Services;

/** Lambda entry point: Stripe's and PayPal's webhooks, verified by signature and applied exactly once. */
public final class PaymentWebhooksFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public PaymentWebhooksFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.PAYMENT_WEBHOOKS));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public PaymentWebhooksFunction(Services services) {
        super(FunctionCatalogue.PAYMENT_WEBHOOKS, services);
    }
}
