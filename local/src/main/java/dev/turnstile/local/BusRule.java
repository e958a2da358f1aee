package dev.turnstile.local;

import dev.turnstile.adapters.events.CheckInEventCodec;
import dev.turnstile.adapters.events.InProcessCheckInEvents;
import dev.turnstile.checkin.CheckInEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What an EventBridge rule with an SQS target does, for the local runtime: every check-in event on
 * the in-process bus is sent to the queue, in batches, off the publisher's thread (the scan's answer
 * does not wait for the queue, as it does not wait for a rule in AWS). After the first event of a
 * batch it waits {@link #LINGER_MS} ms for company, so a busy door costs one SendMessageBatch per
 * ten events.
 */
final class BusRule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BusRule.class);
    static final long LINGER_MS = 10;

    private final BlockingQueue<CheckInEvent> pending = new LinkedBlockingQueue<>();
    private final SqsClient sqs;
    private final String queueUrl;
    private final Thread sender;
    private volatile boolean running = true;

    BusRule(InProcessCheckInEvents bus, SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        bus.subscribe(pending::add);
        sender = Thread.ofVirtual().name("bus-rule-" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1)).start(this::send);
    }

    private void send() {
        while (running) {
            try {
                CheckInEvent first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                if (pending.size() < 9) {
                    Thread.sleep(LINGER_MS); // company for the first: one call per ten events under load
                }
                List<CheckInEvent> batch = new ArrayList<>(List.of(first));
                pending.drainTo(batch, 9);
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                            .messageBody(CheckInEventCodec.write(batch.get(i))).build());
                }
                var result = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                result.failed().forEach(f -> {
                    log.warn("The queue refused a check-in event ({}); retrying it", f.message());
                    pending.add(batch.get(Integer.parseInt(f.id())));
                });
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.error("Could not forward check-in events to {}", queueUrl, e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
    }
}
