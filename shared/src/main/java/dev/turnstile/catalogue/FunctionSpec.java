package dev.turnstile.catalogue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One deployable function: its name (the Lambda's logical name), the handler class the runtime
 * instantiates, the Maven module whose shaded jar holds it, its memory size, what invokes it (HTTP
 * routes through API Gateway, schedules through EventBridge Scheduler, a queue through SQS, WebSocket
 * routes through API Gateway's WebSocket API, bus events in order through an SQS FIFO queue, a
 * workflow's task states through Step Functions, or the fields of a GraphQL type through AppSync), and
 * the resources beyond PostgreSQL it may touch. The CDK app deploys and grants exactly these; the
 * local runtime serves, schedules and feeds exactly these.
 */
public record FunctionSpec(String name, String handler, String module, int memoryMb, List<Route> routes,
                           List<Schedule> schedules, List<QueueSource> queues, List<WebSocketRoute> webSocketRoutes,
                           List<BusEvents> busEvents, List<WorkflowTask> workflowTasks, List<GraphqlFields> graphqlFields,
                           Set<Resource> uses) {

    public FunctionSpec {
        if (!name.matches("[a-z][a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("Function names are lower-case with hyphens: " + name);
        }
        routes = List.copyOf(routes);
        schedules = List.copyOf(schedules);
        queues = List.copyOf(queues);
        webSocketRoutes = List.copyOf(webSocketRoutes);
        busEvents = List.copyOf(busEvents);
        workflowTasks = List.copyOf(workflowTasks);
        graphqlFields = List.copyOf(graphqlFields);
        uses = uses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(uses));
        int triggers = (routes.isEmpty() ? 0 : 1) + (schedules.isEmpty() ? 0 : 1) + (queues.isEmpty() ? 0 : 1)
                + (webSocketRoutes.isEmpty() ? 0 : 1) + (busEvents.isEmpty() ? 0 : 1) + (workflowTasks.isEmpty() ? 0 : 1)
                + (graphqlFields.isEmpty() ? 0 : 1);
        if (triggers != 1) {
            throw new IllegalArgumentException(name + ": a function serves routes, runs on schedules, consumes queues, "
                    + "serves WebSocket routes, receives bus events, runs workflow tasks or resolves GraphQL fields: exactly one of them");
        }
    }

    /** An HTTP function. */
    public FunctionSpec(String name, String handler, String module, int memoryMb, List<Route> routes) {
        this(name, handler, module, memoryMb, routes, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Set.of());
    }

    public static FunctionSpec scheduled(String name, String handler, String module, int memoryMb, Schedule schedule) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(schedule), List.of(), List.of(), List.of(), List.of(),
                List.of(), Set.of());
    }

    public static FunctionSpec queued(String name, String handler, String module, int memoryMb, QueueSource queue) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(), List.of(queue), List.of(), List.of(), List.of(),
                List.of(), Set.of());
    }

    /** A function behind the WebSocket API's routes. */
    public static FunctionSpec webSocket(String name, String handler, String module, int memoryMb, List<WebSocketRoute> routes) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(), List.of(), routes, List.of(), List.of(),
                List.of(), Set.of());
    }

    /** A function that receives bus events in order, in batches. */
    public static FunctionSpec onBusEvents(String name, String handler, String module, int memoryMb, BusEvents events) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(), List.of(), List.of(), List.of(events), List.of(),
                List.of(), Set.of());
    }

    /** A function whose steps a workflow's task states run. */
    public static FunctionSpec workflowTask(String name, String handler, String module, int memoryMb, WorkflowTask task) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(task), List.of(), Set.of());
    }

    /** A function that AppSync invokes as the direct Lambda resolver of every field of a GraphQL type. */
    public static FunctionSpec graphqlFields(String name, String handler, String module, int memoryMb, GraphqlFields fields) {
        return new FunctionSpec(name, handler, module, memoryMb, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(fields), Set.of());
    }

    /** This function, also granted these resources. */
    public FunctionSpec using(Resource... more) {
        Set<Resource> all = EnumSet.noneOf(Resource.class);
        all.addAll(uses);
        all.addAll(List.of(more));
        return new FunctionSpec(name, handler, module, memoryMb, routes, schedules, queues, webSocketRoutes, busEvents,
                workflowTasks, graphqlFields, all);
    }

    public boolean uses(Resource resource) {
        return uses.contains(resource);
    }

    public boolean isHttp() {
        return !routes.isEmpty();
    }
}
