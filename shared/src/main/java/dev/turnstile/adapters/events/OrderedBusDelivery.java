package dev.turnstile.adapters.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.turnstile.checkin.CheckInEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for "EventBridge rule, SQS FIFO queue with one message group, event source
 * mapping": every event on the in-process bus reaches the function in publication order, in
 * batches of at most {@code batchSize}, one batch at a time, as the {@code SQSEvent} Lambda would
 * hand it. After the first event of a batch it waits {@link #LINGER_MS} ms for company: under load
 * one push then carries many scans, and a lone scan is still delivered within milliseconds. A
 * batch the function reports failed is delivered again, as a FIFO queue redelivers it.
 */
public final class OrderedBusDelivery implements AutoCloseable {

    static final long LINGER_MS = 10;
    private static final int MAX_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(OrderedBusDelivery.class);

    private final BlockingQueue<CheckInEvent> pending = new LinkedBlockingQueue<>();
    private final RequestHandler<SQSEvent, SQSBatchResponse> function;
    private final int batchSize;
    private final Thread deliverer;
    private volatile boolean running = true;

    public OrderedBusDelivery(InProcessCheckInEvents bus, RequestHandler<SQSEvent, SQSBatchResponse> function, int batchSize,
                              String name) {
        this.function = function;
        this.batchSize = batchSize;
        bus.subscribe(pending::add);
        deliverer = Thread.ofPlatform().daemon().name("bus-delivery-" + name).start(this::deliver);
    }

    private void deliver() {
        while (running) {
            try {
                CheckInEvent first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                if (pending.size() < batchSize - 1) {
                    Thread.sleep(LINGER_MS);
                }
                List<CheckInEvent> batch = new ArrayList<>(List.of(first));
                pending.drainTo(batch, batchSize - 1);
                invoke(batch);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void invoke(List<CheckInEvent> batch) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (CheckInEvent e : batch) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(UUID.randomUUID().toString());
            m.setBody(CheckInEventCodec.write(e));
            m.setEventSource("aws:sqs");
            records.add(m);
        }
        event.setRecords(records);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                SQSBatchResponse response = function.handleRequest(event, null);
                if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Ordered delivery of {} events failed (attempt {})", batch.size(), attempt, e);
            }
        }
        log.error("Dropping {} events after {} attempts, as a FIFO queue's redrive would", batch.size(), MAX_ATTEMPTS);
    }

    @Override
    public void close() {
        running = false;
        deliverer.interrupt();
    }
}
