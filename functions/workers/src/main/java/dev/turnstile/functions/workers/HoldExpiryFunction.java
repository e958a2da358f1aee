package dev.turnstile.functions.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.turnstile.registration.ExpireHolds;
import dev.turnstile.wiring.Services;
import java.util.Map;

/**
 * Lambda entry point, run every minute by EventBridge Scheduler (a timer in the local runtime):
 * expires registration holds and waitlist offers whose time is up and gives their seats back. The
 * schedule's payload ({@code function}, {@code schedule}, {@code scheduledTime}, {@code executionId})
 * is not needed: the work depends only on the clock, and two runs at once are harmless.
 */
public final class HoldExpiryFunction implements RequestHandler<Map<String, Object>, ExpireHolds.Result> {

    private final Services services;

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public HoldExpiryFunction() {
        this(Services.fromEnvironment(dev.turnstile.catalogue.FunctionCatalogue.HOLD_EXPIRY));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public HoldExpiryFunction(Services services) {
        this.services = services;
    }

    @Override
    public ExpireHolds.Result handleRequest(Map<String, Object> schedule, Context context) {
        return services.expireHolds.run();
    }
}
