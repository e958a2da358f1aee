package dev.turnstile.catalogue;

import java.util.Optional;

/**
 * What a function touches besides PostgreSQL (which every function reaches through the proxy). The
 * CDK app grants each function exactly these, least privilege; a resource with a variable is also
 * given to the function by name, and {@code Services.fromEnvironment(FunctionSpec)} fails at init if
 * it is missing. The local runtime wires all of them.
 */
public enum Resource {
    /** The hot check-in table: scans, and the refresh of the door's copy of tickets after a change. */
    DOOR_TABLE(null),
    /** The event bus: check-in events are put on it. */
    EVENT_BUS(null),
    /** The tickets bucket: rendered ticket PDFs, written and read, handed out as presigned links. */
    TICKET_FILES("TURNSTILE_TICKETS_BUCKET"),
    /**
     * The WebSocket API's connections: PostToConnection (execute-api:ManageConnections on that API's
     * stage only). The callback URL is set by the WebSocket stack, which owns the API.
     */
    WEBSOCKET_CONNECTIONS(null);

    private final String environmentVariable;

    Resource(String environmentVariable) {
        this.environmentVariable = environmentVariable;
    }

    /**
     * The variable that names the resource, where only the functions using it get one; the door
     * table and the bus are named to every function (every function builds the door's ports).
     */
    public Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }
}
