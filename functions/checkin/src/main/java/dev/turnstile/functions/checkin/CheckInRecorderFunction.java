package dev.turnstile.functions.checkin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.turnstile.adapters.events.CheckInEventCodec;
import dev.turnstile.checkin.CheckInEvent;
import dev.turnstile.wiring.Services;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point: the check-ins queue's consumer (fed by the bus's check-in rule). Each message
 * brings PostgreSQL's record of one ticket and scope in line with the hot table. A message that
 * fails is reported alone (partial batch failure); after the queue's receive limit it goes to the
 * dead-letter queue, where an alarm watches.
 */
public final class CheckInRecorderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(CheckInRecorderFunction.class);

    private final Services services;

    public CheckInRecorderFunction() {
        this(Services.fromEnvironment(dev.turnstile.catalogue.FunctionCatalogue.CHECK_IN_RECORDER));
    }

    public CheckInRecorderFunction(Services services) {
        this.services = services;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> readable = new ArrayList<>();
        List<CheckInEvent> checkIns = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                checkIns.add(CheckInEventCodec.read(message.getBody()));
                readable.add(message);
            } catch (RuntimeException e) {
                failures.add(failed(message, e)); // a poison message fails alone, and reaches the DLQ
            }
        }
        if (!checkIns.isEmpty()) {
            List<java.util.Optional<RuntimeException>> outcomes;
            try {
                outcomes = services.recordCheckIns.record(checkIns);
            } catch (RuntimeException e) {
                // the hot table could not be read: every readable message is retried
                outcomes = checkIns.stream().map(c -> java.util.Optional.of(e)).toList();
            }
            for (int i = 0; i < readable.size(); i++) {
                if (outcomes.get(i).isPresent()) {
                    failures.add(failed(readable.get(i), outcomes.get(i).get()));
                }
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static SQSBatchResponse.BatchItemFailure failed(SQSEvent.SQSMessage message, RuntimeException e) {
        log.error("Check-in message {} failed (receive count {})", message.getMessageId(),
                message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount"), e);
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build();
    }
}
