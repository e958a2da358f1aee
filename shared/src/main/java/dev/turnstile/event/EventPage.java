package dev.turnstile.event;

import java.util.List;

/** One page of events and the cursor of the next page (null on the last page). */
public record EventPage(List<Event> items, String nextCursor) {
}
