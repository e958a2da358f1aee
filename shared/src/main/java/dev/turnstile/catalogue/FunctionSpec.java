package dev.turnstile.catalogue;

import java.util.List;

/**
 * One deployable function: its name (the Lambda's logical name), the handler class the runtime
 * instantiates, the Maven module whose shaded jar holds it, its memory size, and the routes it
 * serves. The CDK app deploys exactly these; the local runtime serves exactly these.
 */
public record FunctionSpec(String name, String handler, String module, int memoryMb, List<Route> routes) {

    public FunctionSpec {
        if (!name.matches("[a-z][a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("Function names are lower-case with hyphens: " + name);
        }
        routes = List.copyOf(routes);
    }
}
