package dev.turnstile.adapters.events;

import dev.turnstile.checkin.CheckInEvent;
import dev.turnstile.checkin.CheckInEvents;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Check-in events onto the platform's EventBridge bus; its rules route them to the recorder's queue
 * and the dashboard pusher (the CDK async stack). A failed entry is an exception: the scan has been
 * admitted, and the repair path (the recorder's reconciliation with the hot table) is logged for it.
 */
public final class EventBridgeCheckInEvents implements CheckInEvents {

    private final EventBridgeClient client;
    private final String bus;

    public EventBridgeCheckInEvents(EventBridgeClient client, String bus) {
        this.client = client;
        this.bus = bus;
    }

    @Override
    public void publish(CheckInEvent event) {
        PutEventsResponse response = client.putEvents(b -> b.entries(e -> e.eventBusName(bus)
                .source(CheckInEventCodec.SOURCE)
                .detailType(CheckInEventCodec.detailType(event))
                .detail(CheckInEventCodec.write(event))));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("EventBridge refused a check-in event: "
                    + response.entries().get(0).errorCode() + " " + response.entries().get(0).errorMessage());
        }
    }
}
