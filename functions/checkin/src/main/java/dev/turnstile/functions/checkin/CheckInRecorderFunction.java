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
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                CheckInEvent checkIn = CheckInEventCodec.read(message.getBody());
                services.recordCheckIns.record(checkIn);
            } catch (RuntimeException e) {
                log.error("Check-in message {} failed (receive count {})", message.getMessageId(),
                        message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount"), e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
