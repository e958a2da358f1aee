package dev.turnstile.catalogue;

import java.util.List;

/**
 * One deployable function: its name (the Lambda's logical name), the handler class the runtime
 * instantiates, the Maven module whose shaded jar holds it, its memory size, and what invokes it:
 * HTTP routes (API Gateway) or schedules (EventBridge). The CDK app deploys exactly these; the local
 * runtime serves and schedules exactly these.
 */
public record FunctionSpec(String name, String handler, String module, int memoryMb, List<Route> routes,
                           List<Schedule> schedules) {

    public FunctionSpec {
        if (!name.matches("[a-z][a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("Function names are lower-case with hyphens: " + name);
        }
        routes = List.copyOf(routes);
        schedules = List.copyOf(schedules);
        if (routes.isEmpty() == schedules.isEmpty()) {
            throw new IllegalArgumentException(name + ": a function serves routes or runs on schedules, not both or neither");
        }
    }

    /** An HTTP function. */
    public FunctionSpec(String name, String handler, String module, int memoryMb, List<Route> routes) {
        this(name, handler, module, memoryMb, routes, List.of());
    }

    public static FunctionSpec scheduled(String name, String handler, String module, int memoryMb, Schedule schedule) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(schedule));
    }

    public boolean isHttp() {
        return !routes.isEmpty();
    }
}
