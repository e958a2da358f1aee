package dev.turnstile.functions.checkin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.wiring.Services;
import java.util.Map;

/**
 * Lambda entry point, run every minute by EventBridge Scheduler (a timer in the local runtime):
 * brings ticket changes whose after-commit refresh was not confirmed to the check-in table. The
 * schedule's payload is not needed; two runs at once are harmless (a refresh writes current state).
 */
public final class DoorRepairFunction implements RequestHandler<Map<String, Object>, Integer> {

    private final Services services;

    public DoorRepairFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.DOOR_REPAIR));
    }

    public DoorRepairFunction(Services services) {
        this.services = services;
    }

    @Override
    public Integer handleRequest(Map<String, Object> schedule, Context context) {
        return services.repairDoor.run();
    }
}
