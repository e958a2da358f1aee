package dev.turnstile.functions.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.turnstile.registration.ExpireHolds;
import dev.turnstile.wiring.Services;

/**
 * Lambda entry point, run every minute by EventBridge (a timer in the local runtime): expires
 * registration holds and waitlist offers whose time is up and gives their seats back.
 */
public final class HoldExpiryFunction implements RequestHandler<ScheduledEvent, ExpireHolds.Result> {

    private final Services services;

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public HoldExpiryFunction() {
        this(Services.fromEnvironment());
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public HoldExpiryFunction(Services services) {
        this.services = services;
    }

    @Override
    public ExpireHolds.Result handleRequest(ScheduledEvent event, Context context) {
        return services.expireHolds.run();
    }
}
