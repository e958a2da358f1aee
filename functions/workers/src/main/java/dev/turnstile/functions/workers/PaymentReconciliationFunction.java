package dev.turnstile.functions.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.turnstile.payment.ReconcilePayments;
import dev.turnstile.wiring.Services;
import java.util.Map;

/**
 * Lambda entry point, run every 15 minutes by EventBridge Scheduler (a timer in the local
 * runtime): the payment reconciliation. Compares recent payments with their provider, repairs
 * what the workflow can (through its own steps) and flags the rest in payment_discrepancies. Two
 * runs at once are harmless: every repair is the workflow's idempotent, state-guarded step.
 */
public final class PaymentReconciliationFunction implements RequestHandler<Map<String, Object>, ReconcilePayments.Result> {

    private final Services services;

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public PaymentReconciliationFunction() {
        this(Services.fromEnvironment(dev.turnstile.catalogue.FunctionCatalogue.PAYMENT_RECONCILIATION));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public PaymentReconciliationFunction(Services services) {
        this.services = services;
    }

    @Override
    public ReconcilePayments.Result handleRequest(Map<String, Object> schedule, Context context) {
        return services.reconcilePayments.run();
    }
}
