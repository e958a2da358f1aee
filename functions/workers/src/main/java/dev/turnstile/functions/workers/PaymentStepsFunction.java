package dev.turnstile.functions.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.turnstile.adapters.workflow.StepFunctionsPaymentWorkflow;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.paymentflow.PaymentStep;
import dev.turnstile.paymentflow.StepOutcome;
import dev.turnstile.wiring.Services;
import java.util.Map;
import java.util.UUID;

/**
 * Lambda entry point of the payment workflow's task states (the Step Functions state machine in
 * AWS, the in-process runner locally): runs one named step for one registration and answers where
 * the registration stands, which the workflow's Choice states read.
 *
 * <pre>
 * in:  {"step": "check" | "release-hold" | "follow-up", "orgId": "...", "registrationId": "..."}
 * out: {"status": "settled" | "waiting" | "hold-expired" | "ended",
 *       "holdExpiresAt": "2026-...Z", "nextCheckAt": "2026-...Z"}
 * </pre>
 *
 * A step that throws fails the task; the workflow retries it with backoff, then takes its catch path.
 */
public final class PaymentStepsFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final Services services;

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public PaymentStepsFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.PAYMENT_STEPS));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public PaymentStepsFunction(Services services) {
        this.services = services;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        PaymentStep step = PaymentStep.fromWireName(String.valueOf(input.get("step")));
        StepOutcome outcome = services.runPaymentStep.run(step, uuid(input, "orgId"), uuid(input, "registrationId"));
        return Map.of("status", outcome.status().wireName(),
                "holdExpiresAt", StepFunctionsPaymentWorkflow.waitTimestamp(outcome.holdExpiresAt()),
                "nextCheckAt", StepFunctionsPaymentWorkflow.waitTimestamp(outcome.nextCheckAt()));
    }

    private static UUID uuid(Map<String, Object> input, String name) {
        Object value = input.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The step's input has no " + name);
        }
        return UUID.fromString(value.toString());
    }
}
