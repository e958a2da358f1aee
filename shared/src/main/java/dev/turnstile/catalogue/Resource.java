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
    WEBSOCKET_CONNECTIONS(null),
    /**
     * The payment providers' credentials: the Stripe and PayPal secrets in Secrets Manager, read once
     * at init ({@code secretsmanager:GetSecretValue} on exactly those two). Named to the function by
     * {@code TURNSTILE_STRIPE_SECRET_ARN} and {@code TURNSTILE_PAYPAL_SECRET_ARN}
     * ({@link #PAYMENT_SECRET_VARIABLES}; {@code PaymentConfiguration} reads them).
     */
    PAYMENT_SECRETS(null),
    /**
     * The payment workflow: the function may start executions of the payment state machine
     * ({@code states:StartExecution} on it alone), named by {@code TURNSTILE_PAYMENT_WORKFLOW_ARN}.
     * Locally the in-process runner takes its place.
     */
    PAYMENT_WORKFLOW("TURNSTILE_PAYMENT_WORKFLOW_ARN");

    /** The variables naming the provider secrets of a function that uses {@link #PAYMENT_SECRETS}. */
    public static final java.util.List<String> PAYMENT_SECRET_VARIABLES =
            java.util.List.of("TURNSTILE_STRIPE_SECRET_ARN", "TURNSTILE_PAYPAL_SECRET_ARN");

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
