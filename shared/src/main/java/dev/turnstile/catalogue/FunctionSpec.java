package dev.turnstile.catalogue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One deployable function: its name (the Lambda's logical name), the handler class the runtime
 * instantiates, the Maven module whose shaded jar holds it, its memory size, what invokes it (HTTP
 * routes through API Gateway, or schedules through EventBridge), and the stores beyond PostgreSQL it
 * may touch. The CDK app deploys and grants exactly these; the local runtime serves and schedules
 * exactly these.
 */
public record FunctionSpec(String name, String handler, String module, int memoryMb, List<Route> routes,
                           List<Schedule> schedules, Set<DataStore> stores) {

    public FunctionSpec {
        if (!name.matches("[a-z][a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("Function names are lower-case with hyphens: " + name);
        }
        routes = List.copyOf(routes);
        schedules = List.copyOf(schedules);
        stores = stores.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(stores));
        if (routes.isEmpty() == schedules.isEmpty()) {
            throw new IllegalArgumentException(name + ": a function serves routes or runs on schedules, not both or neither");
        }
    }

    /** An HTTP function. */
    public FunctionSpec(String name, String handler, String module, int memoryMb, List<Route> routes) {
        this(name, handler, module, memoryMb, routes, List.of(), Set.of());
    }

    public static FunctionSpec scheduled(String name, String handler, String module, int memoryMb, Schedule schedule) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(schedule), Set.of());
    }

    /** This function, also reading and writing the given stores. */
    public FunctionSpec using(DataStore... more) {
        Set<DataStore> all = EnumSet.noneOf(DataStore.class);
        all.addAll(stores);
        all.addAll(List.of(more));
        return new FunctionSpec(name, handler, module, memoryMb, routes, schedules, all);
    }

    public boolean uses(DataStore store) {
        return stores.contains(store);
    }

    public boolean isHttp() {
        return !routes.isEmpty();
    }
}
