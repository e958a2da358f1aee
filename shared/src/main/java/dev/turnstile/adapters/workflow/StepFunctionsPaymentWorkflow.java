package dev.turnstile.adapters.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.paymentflow.PaymentWorkflow;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * The payment workflow in AWS: one execution of the payment state machine per registration,
 * named after it. Step Functions answers a repeated start with the same name and input (a retried
 * payment start) with the running execution, and a start after that execution closed with
 * {@code ExecutionAlreadyExists}: either way the registration is watched once. The input carries
 * ids and the hold's end, nothing personal (executions are logged).
 */
public final class StepFunctionsPaymentWorkflow implements PaymentWorkflow {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient client;
    private final String stateMachineArn;

    public StepFunctionsPaymentWorkflow(SfnClient client, String stateMachineArn) {
        this.client = client;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public void started(Start start) {
        try {
            client.startExecution(request -> request
                    .stateMachineArn(stateMachineArn)
                    .name(start.registrationId().toString())
                    .input(input(start)));
        } catch (ExecutionAlreadyExistsException e) {
            // watched already: this registration's execution ran or runs
        }
    }

    /**
     * An instant as a Wait state's {@code TimestampPath} takes it (ISO 8601 in UTC, whole seconds),
     * rounded up: waiting until then never wakes before the instant.
     */
    public static String waitTimestamp(java.time.Instant instant) {
        java.time.Instant seconds = instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return (seconds.equals(instant) ? seconds : seconds.plusSeconds(1)).toString();
    }

    /** The execution's input: what the state machine's task states and its catch path read. */
    static String input(Start start) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("orgId", start.orgId().toString());
        input.put("registrationId", start.registrationId().toString());
        input.put("holdExpiresAt", waitTimestamp(start.holdExpiresAt()));
        try {
            return JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
