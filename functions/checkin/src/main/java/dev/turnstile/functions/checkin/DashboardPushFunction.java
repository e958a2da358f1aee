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
 * Lambda entry point: check-in events in order, a batch at a time (the dashboard FIFO queue in AWS,
 * the in-process bus locally), pushed to the live dashboards as counts. A message that is not a
 * check-in event is skipped and logged, not retried: a retry would hold every later scan's update
 * behind it in the FIFO queue. A failure of the push as a whole is reported for the whole batch;
 * the tally applies events idempotently, so the retry counts nothing twice.
 */
public final class DashboardPushFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(DashboardPushFunction.class);

    private final Services services;

    public DashboardPushFunction() {
        this(Services.fromEnvironment(dev.turnstile.catalogue.FunctionCatalogue.DASHBOARD_PUSH));
    }

    public DashboardPushFunction(Services services) {
        this.services = services;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<CheckInEvent> batch = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                batch.add(CheckInEventCodec.read(message.getBody()));
            } catch (IllegalArgumentException e) {
                log.warn("Skipping dashboard message {}: {}", message.getMessageId(), e.getMessage());
            }
        }
        try {
            services.pushDashboardCounts.push(batch);
            return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
        } catch (RuntimeException e) {
            log.error("Dashboard push of {} events failed", batch.size(), e);
            return SQSBatchResponse.builder().withBatchItemFailures(event.getRecords().stream()
                    .map(m -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build())
                    .toList()).build();
        }
    }
}
