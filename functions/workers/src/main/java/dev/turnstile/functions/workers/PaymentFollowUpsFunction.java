package dev.turnstile.functions.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.payment.RunPaymentFollowUps;
import dev.turnstile.wiring.Services;
import java.util.Map;

/**
 * Lambda entry point, run every minute by EventBridge Scheduler (a timer in the local runtime): the
 * payment runner's step. Executes refunds a provider error left pending and cancels the open
 * payment attempts of registrations that expired or were cancelled. Two runs at once are
 * harmless: every provider call carries an idempotency key and every settlement is conditional.
 */
public final class PaymentFollowUpsFunction implements RequestHandler<Map<String, Object>, RunPaymentFollowUps.Result> {

    private final Services services;

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public PaymentFollowUpsFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.PAYMENT_FOLLOW_UPS));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public PaymentFollowUpsFunction(Services services) {
        this.services = services;
    }

    @Override
    public RunPaymentFollowUps.Result handleRequest(Map<String, Object> schedule, Context context) {
        return services.runPaymentFollowUps.run();
    }
}
