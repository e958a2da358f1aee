package dev.turnstile.wiring;

import dev.turnstile.checkin.CheckInEvents;
import dev.turnstile.checkin.DoorState;
import java.util.concurrent.Executor;

/**
 * The door's infrastructure, which differs by host: the hot check-in table (DynamoDB, or dynalite
 * locally), where check-in events go (EventBridge, or the in-process bus), and where the door's copy
 * of a ticket is refreshed after a change commits (the request's own thread in Lambda, whose
 * container freezes after the response; a background thread in the local runtime).
 */
public record DoorPorts(DoorState state, CheckInEvents events, Executor syncExecutor) {
}
