package dev.turnstile.catalogue;

import java.util.List;

/**
 * One deployable function: its name (the Lambda's logical name), the handler class the runtime
 * instantiates, the Maven module whose shaded jar holds it, its memory size, and what invokes it:
 * HTTP routes (API Gateway), schedules (EventBridge Scheduler), a queue (SQS), WebSocket routes
 * (API Gateway's WebSocket API) or bus events in order (EventBridge to an SQS FIFO queue). The CDK
 * app deploys exactly these; the local runtime serves and schedules exactly these.
 */
public record FunctionSpec(String name, String handler, String module, int memoryMb, List<Route> routes,
                           List<Schedule> schedules, List<QueueSource> queues, List<WebSocketRoute> webSocketRoutes,
                           List<BusEvents> busEvents, java.util.Set<Resource> uses) {

    public FunctionSpec {
        if (!name.matches("[a-z][a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("Function names are lower-case with hyphens: " + name);
        }
        routes = List.copyOf(routes);
        schedules = List.copyOf(schedules);
        queues = List.copyOf(queues);
        webSocketRoutes = List.copyOf(webSocketRoutes);
        busEvents = List.copyOf(busEvents);
        uses = uses.isEmpty() ? java.util.Set.of() : java.util.Set.copyOf(java.util.EnumSet.copyOf(uses));
        int triggers = (routes.isEmpty() ? 0 : 1) + (schedules.isEmpty() ? 0 : 1) + (queues.isEmpty() ? 0 : 1)
                + (webSocketRoutes.isEmpty() ? 0 : 1) + (busEvents.isEmpty() ? 0 : 1);
        if (triggers != 1) {
            throw new IllegalArgumentException(name + ": a function serves routes, runs on schedules, consumes queues, "
                    + "serves WebSocket routes or receives bus events: exactly one of them");
        }
    }

    /** An HTTP function. */
    public FunctionSpec(String name, String handler, String module, int memoryMb, List<Route> routes) {
        this(name, handler, module, memoryMb, routes, List.of(), List.of(), List.of(), List.of(), java.util.Set.of());
    }

    public static FunctionSpec scheduled(String name, String handler, String module, int memoryMb, Schedule schedule) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(schedule), List.of(), List.of(), List.of(),
                java.util.Set.of());
    }

    public static FunctionSpec queued(String name, String handler, String module, int memoryMb, QueueSource queue) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(), List.of(queue), List.of(), List.of(),
                java.util.Set.of());
    }

    /** A function behind the WebSocket API's routes. */
    public static FunctionSpec webSocket(String name, String handler, String module, int memoryMb, List<WebSocketRoute> routes) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(), List.of(), routes, List.of(),
                java.util.Set.of());
    }

    /** A function that receives bus events in order, in batches. */
    public static FunctionSpec onBusEvents(String name, String handler, String module, int memoryMb, BusEvents events) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(), List.of(), List.of(), List.of(events),
                java.util.Set.of());
    }

    /** The same function, also granted these resources. */
    public FunctionSpec using(Resource... resources) {
        var all = java.util.EnumSet.noneOf(Resource.class);
        all.addAll(uses);
        all.addAll(List.of(resources));
        return new FunctionSpec(name, handler, module, memoryMb, routes, schedules, queues, webSocketRoutes, busEvents, all);
    }

    public boolean isHttp() {
        return !routes.isEmpty();
    }
}
