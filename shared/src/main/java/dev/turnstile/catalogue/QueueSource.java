package dev.turnstile.catalogue;

/**
 * A queue whose messages invoke a function, in batches, with partial batch failures reported: an
 * SQS queue with a dead-letter queue and a Lambda event source mapping in AWS, an ElasticMQ queue
 * polled by the local runtime. {@code events} says what the queue receives (the EventBridge rule
 * that feeds it in AWS; the in-process bus locally). A batch is handed over when it holds
 * {@code batchSize} messages or when {@code batchingWindowSeconds} have passed since its first
 * (the event source mapping's MaximumBatchingWindowInSeconds; the local poller does the same).
 */
public record QueueSource(String queue, String events, int batchSize, int batchingWindowSeconds) {

    /** With the one-second batching window every queue has had so far. */
    public QueueSource(String queue, String events, int batchSize) {
        this(queue, events, batchSize, 1);
    }

    public QueueSource {
        if (!queue.matches("[a-z][a-z0-9-]{1,60}")) {
            throw new IllegalArgumentException("Queue names are lower-case with hyphens: " + queue);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("A Lambda SQS batch holds 1 to 10,000 messages: " + batchSize);
        }
        if (batchingWindowSeconds < 0 || batchingWindowSeconds > 300) {
            throw new IllegalArgumentException("A batching window is 0 to 300 seconds: " + batchingWindowSeconds);
        }
        if (batchSize > 10 && batchingWindowSeconds < 1) {
            throw new IllegalArgumentException("A batch of more than 10 messages needs a batching window of 1 s or more");
        }
    }
}
