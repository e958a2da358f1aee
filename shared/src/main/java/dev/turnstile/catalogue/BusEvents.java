package dev.turnstile.catalogue;

/**
 * Events on the {@code turnstile} bus that invoke a function in order, in small batches, one batch
 * at a time: in AWS an EventBridge rule on {@code source} feeding an SQS FIFO queue with one message
 * group, read by an event source mapping (so one container runs at a time and keeps its counts);
 * in the local runtime a subscription to the in-process bus drained every few milliseconds. Both
 * hand the function an {@code SQSEvent} whose bodies carry the events. docs/check-in.md, "Live dashboard".
 */
public record BusEvents(String source, String purpose, int batchSize) {

    public BusEvents {
        if (!source.matches("turnstile\\.[a-z]+")) {
            throw new IllegalArgumentException("Bus sources are turnstile.<capability>: " + source);
        }
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("A FIFO queue's batch holds 1 to 10 messages: " + batchSize);
        }
    }
}
