package dev.turnstile.adapters.events;

import dev.turnstile.checkin.CheckInEvent;
import dev.turnstile.checkin.CheckInEvents;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The local runtime's event bus for check-in facts (EventBridge's stand-in): hands each event to
 * every subscriber on the publisher's thread. Subscribers must only hand off (enqueue), not work.
 */
public final class InProcessCheckInEvents implements CheckInEvents {

    private final List<Consumer<CheckInEvent>> subscribers = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<CheckInEvent> subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void publish(CheckInEvent event) {
        for (Consumer<CheckInEvent> subscriber : subscribers) {
            subscriber.accept(event);
        }
    }
}
