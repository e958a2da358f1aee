package dev.turnstile.catalogue;

/**
 * A queue whose messages invoke a function, in batches, with partial batch failures reported: an
 * SQS queue with a dead-letter queue and a Lambda event source mapping in AWS, an ElasticMQ queue
 * polled by the local runtime. {@code events} says what the queue receives (the EventBridge rule
 * that feeds it in AWS; the in-process bus locally).
 */
public record QueueSource(String queue, String events, int batchSize) {

    public QueueSource {
        if (!queue.matches("[a-z][a-z0-9-]{1,60}")) {
            throw new IllegalArgumentException("Queue names are lower-case with hyphens: " + queue);
        }
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("An SQS batch holds 1 to 10 messages: " + batchSize);
        }
    }
}
