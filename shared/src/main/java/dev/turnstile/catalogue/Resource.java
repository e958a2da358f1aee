package dev.turnstile.catalogue;

/**
 * What a function touches besides PostgreSQL (which every function reaches through the proxy). The
 * CDK app grants each function exactly these, least privilege, and the local runtime wires all.
 */
public enum Resource {
    /** The hot check-in table: scans, and the refresh of the door's copy of tickets after a change. */
    DOOR_TABLE,
    /** The event bus: check-in events are put on it. */
    EVENT_BUS,
    /** The WebSocket API's connections: PostToConnection (execute-api:ManageConnections on that API only). */
    WEBSOCKET_CONNECTIONS
}
