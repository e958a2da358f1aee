package dev.turnstile.testing;

import dev.turnstile.adapters.dynamodb.CheckInTable;
import dev.turnstile.adapters.dynamodb.DynamoDashboardConnections;
import dev.turnstile.adapters.dynamodb.DynamoDoorState;
import dev.turnstile.adapters.events.InProcessCheckInEvents;
import dev.turnstile.standins.Dynalite;
import dev.turnstile.wiring.DoorPorts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The door's infrastructure for tests, once per test JVM: dynalite (the DynamoDB stand-in) on a
 * random loopback port with the check-in table, the in-process event bus, and ticket refreshes
 * run on the committing thread, so a test sees the door in step as soon as a call returns.
 */
public final class TestDoor {

    public static final String TABLE = "turnstile-check-ins";

    private static TestDoor instance;

    private final Dynalite dynalite;
    private final DynamoDbClient client;
    private final InProcessCheckInEvents events = new InProcessCheckInEvents();
    private final TestWebSocketGateway webSocket = new TestWebSocketGateway();
    private final DoorPorts ports;

    private TestDoor() {
        dynalite = Dynalite.start();
        client = CheckInTable.localClient(dynalite.endpoint());
        CheckInTable.create(client, TABLE);
        ports = new DoorPorts(new DynamoDoorState(client, TABLE), events, Runnable::run,
                new DynamoDashboardConnections(client, TABLE), webSocket);
        Runtime.getRuntime().addShutdownHook(new Thread(dynalite::close, "stop-dynalite"));
    }

    public static synchronized TestDoor get() {
        if (instance == null) {
            instance = new TestDoor();
        }
        return instance;
    }

    public DoorPorts ports() {
        return ports;
    }

    public InProcessCheckInEvents events() {
        return events;
    }

    /** Where the live dashboard's pushes land in handler tests. */
    public TestWebSocketGateway webSocket() {
        return webSocket;
    }

    public DynamoDbClient client() {
        return client;
    }
}
