package dev.turnstile.standins;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What Lambda's SQS event source mapping does, for the local runtime and tests: long-polls a queue,
 * hands each batch to the handler as an {@link SQSEvent}, deletes the messages the handler did not
 * report in {@code batchItemFailures} (ReportBatchItemFailures), and leaves the others to become
 * visible again, so that the queue's redrive policy moves a poison message to its dead-letter queue.
 */
public final class SqsEventSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqsEventSource.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    /** What one ReceiveMessage call can return. */
    private static final int RECEIVE_MAX = 10;

    private final int batchSize;
    private final long windowNanos;
    private final Thread poller;
    private volatile boolean running = true;
    private volatile boolean held;

    private SqsEventSource(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize,
                           Duration window) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.batchSize = batchSize;
        this.windowNanos = window.toNanos();
        this.poller = Thread.ofVirtual().name("sqs-event-source").unstarted(this::poll);
    }

    /**
     * Polls in the background until closed. Like the event source mapping, it hands the handler a
     * batch once it holds {@code batchSize} messages or {@code window} has passed since the first
     * (receives return at most 10 messages each, so a larger batch takes several).
     */
    public static SqsEventSource start(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                                       int batchSize, Duration window) {
        SqsEventSource source = new SqsEventSource(sqs, queueUrl, handler, batchSize, window);
        source.poller.start();
        return source;
    }

    /** Polls only when {@link #pollOnce(int)} is called (no batching window): for tests that step through deliveries. */
    public static SqsEventSource create(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                                        int batchSize) {
        return new SqsEventSource(sqs, queueUrl, handler, batchSize, Duration.ZERO);
    }

    /** Receives one batch and invokes the handler once; the number of messages received. */
    public int pollOnce(int waitSeconds) {
        List<Message> messages = new ArrayList<>(receive(waitSeconds, batchSize));
        if (messages.isEmpty()) {
            return 0;
        }
        long deadline = System.nanoTime() + windowNanos;
        while (messages.size() < batchSize && running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            List<Message> more = receive(0, batchSize - messages.size());
            if (more.isEmpty()) {
                try {
                    Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            messages.addAll(more);
        }
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            record.setAttributes(Map.of("ApproximateReceiveCount",
                    m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = handler.handleRequest(event, null);
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            log.error("The queue handler failed on a whole batch; every message will be retried", e);
            messages.forEach(m -> failed.add(m.messageId()));
        }
        // one call each for the handled and the failed, as Lambda's event source mapping deletes in batches
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        List<ChangeMessageVisibilityBatchRequestEntry> retry = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(m.receiptHandle()).build());
            } else {
                // visible again at once, as Lambda does for a reported failure with no extra delay
                retry.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build());
            }
        }
        for (int from = 0; from < done.size(); from += RECEIVE_MAX) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(from, Math.min(done.size(), from + RECEIVE_MAX));
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(chunk)).failed()
                    .forEach(f -> log.warn("Could not delete a handled message ({}); it will be delivered again", f.message()));
        }
        for (int from = 0; from < retry.size(); from += RECEIVE_MAX) {
            List<ChangeMessageVisibilityBatchRequestEntry> chunk = retry.subList(from, Math.min(retry.size(), from + RECEIVE_MAX));
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(chunk));
        }
        return messages.size();
    }

    /** One ReceiveMessage call for at most {@code wanted} messages (a batch never holds more than its size). */
    private List<Message> receive(int waitSeconds, int wanted) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(Math.min(RECEIVE_MAX, wanted))
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /**
     * Holds polling (messages wait in the queue, as they do in SQS while a consumer is throttled or
     * scaling) or lets it go on: the check-in benchmark measures the scan path with the durable
     * record deferred as well as live.
     */
    public void hold(boolean hold) {
        held = hold;
    }

    /** Messages in the queue, waiting or being handled (approximate, as SQS reports them). */
    public long backlog() {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    private void poll() {
        while (running) {
            if (held) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            try {
                pollOnce(1);
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Polling {} failed; retrying", queueUrl, e);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            // the batch in hand finishes (a receive waits at most a second), as Lambda lets an invocation end
            poller.join(3000);
            if (poller.isAlive()) {
                poller.interrupt();
                poller.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
