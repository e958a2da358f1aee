package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.catalogue.WorkflowTask;
import dev.turnstile.paymentflow.PaymentStep;
import dev.turnstile.paymentflow.StepOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payment state machine's ASL, as CloudFormation receives it: the states and their transitions,
 * every task retried with exponential backoff, the catch paths, logging and tracing; and the names
 * it sends and reads are the ones the steps use ({@link PaymentStep}, {@link StepOutcome.Status}),
 * so the state machine and the in-process runner execute the same steps.
 */
class PaymentWorkflowTemplateTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private JsonNode asl;
    private JsonNode states;

    @BeforeEach
    void definition() throws Exception {
        Map<String, Map<String, Object>> machines = app.paymentWorkflow.findResources("AWS::StepFunctions::StateMachine");
        assertThat(machines).hasSize(1);
        Object definition = Cfn.properties(machines.values().iterator().next()).get("DefinitionString");
        // the definition joins literal ASL with the function alias's ARN: put a marker in its place
        String text = Cfn.text(definition).replace("${AWS::Partition}", "aws").replaceAll("\\$\\{[^}]*}", "FUNCTION_ARN");
        asl = new ObjectMapper().readTree(text);
        states = asl.get("States");
    }

    @Test
    void theStateMachineIsAStandardOneNamedTurnstilePayment_loggingEverythingAndTraced() {
        Map<String, Object> props = Cfn.properties(app.paymentWorkflow.findResources("AWS::StepFunctions::StateMachine")
                .values().iterator().next());
        assertThat(props).containsEntry("StateMachineName", "turnstile-payment")
                .containsEntry("StateMachineType", "STANDARD")
                .containsEntry("TracingConfiguration", Map.of("Enabled", true));
        Map<String, Object> logging = Cfn.map(props.get("LoggingConfiguration"));
        assertThat(logging).containsEntry("Level", "ALL").containsEntry("IncludeExecutionData", true);
        assertThat(asl.get("TimeoutSeconds").asInt()).isEqualTo(86_400);
    }

    @Test
    void theStatesAreTheWorkflowsAndItStartsByChecking() {
        assertThat(asl.get("StartAt").asText()).isEqualTo("Check");
        Set<String> names = iterable(states.fieldNames());
        assertThat(names).containsExactlyInAnyOrder("Check", "Route", "WaitForPayment", "ReleaseHold", "AfterRelease",
                "FollowUp", "Paid", "Released", "WaitForHoldExpiry", "LeftToSweeps", "UnknownStatus");
        assertThat(states.get("Paid").get("Type").asText()).isEqualTo("Succeed");
        assertThat(states.get("Released").get("Type").asText()).isEqualTo("Succeed");
        assertThat(states.get("LeftToSweeps").get("Type").asText()).isEqualTo("Fail");
    }

    @Test
    void eachTaskInvokesThePaymentStepsFunctionWithItsStep_andTheStepNamesAreThePaymentSteps() {
        Map<String, String> stepByState = Map.of("Check", "check", "ReleaseHold", "release-hold", "FollowUp", "follow-up");
        stepByState.forEach((state, step) -> {
            JsonNode task = states.get(state);
            assertThat(task.get("Type").asText()).as(state).isEqualTo("Task");
            // the function's ARN as the resource: its answer is the state's result as it is (no Payload envelope)
            assertThat(task.get("Resource").asText()).as(state).isEqualTo("FUNCTION_ARN");
            JsonNode payload = task.get("Parameters");
            assertThat(payload.get("step").asText()).as(state).isEqualTo(step);
            assertThat(payload.get("orgId.$").asText()).isEqualTo("$.orgId");
            assertThat(payload.get("registrationId.$").asText()).isEqualTo("$.registrationId");
            assertThat(task.get("ResultPath").asText()).isEqualTo("$.outcome");
            assertThat(task.get("ResultSelector")).as("the function's answer as it is").isNull();
        });
        assertThat(stepByState.values()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(PaymentStep.values()).map(PaymentStep::wireName).toList());
    }

    @Test
    void everyTaskIsRetriedWithExponentialBackoffAndJitter_asTheLocalRunnerRetries() {
        for (String state : List.of("Check", "ReleaseHold", "FollowUp")) {
            JsonNode retry = states.get(state).get("Retry");
            assertThat(retry).as(state).hasSize(1);
            JsonNode policy = retry.get(0);
            assertThat(policy.get("ErrorEquals").toString()).isEqualTo("[\"States.ALL\"]");
            assertThat(policy.get("IntervalSeconds").asInt()).isEqualTo(WorkflowTask.RETRY_INTERVAL_SECONDS);
            assertThat(policy.get("BackoffRate").asDouble()).isEqualTo(WorkflowTask.BACKOFF_RATE).isGreaterThan(1);
            assertThat(policy.get("MaxAttempts").asInt()).isEqualTo(WorkflowTask.MAX_RETRIES);
            assertThat(policy.get("JitterStrategy").asText()).isEqualTo("FULL");
        }
    }

    @Test
    void aCheckThatKeepsFailingReleasesTheHoldWhenItRunsOut_andAFailingReleaseOrFollowUpEndsInAFailure() {
        JsonNode checkCatch = states.get("Check").get("Catch");
        assertThat(checkCatch).hasSize(1);
        assertThat(checkCatch.get(0).get("ErrorEquals").toString()).isEqualTo("[\"States.ALL\"]");
        assertThat(checkCatch.get(0).get("Next").asText()).isEqualTo("WaitForHoldExpiry");
        assertThat(checkCatch.get(0).get("ResultPath").asText()).as("the input, with its ids, survives").isEqualTo("$.error");
        JsonNode wait = states.get("WaitForHoldExpiry");
        assertThat(wait.get("Type").asText()).isEqualTo("Wait");
        assertThat(wait.get("TimestampPath").asText()).isEqualTo("$.holdExpiresAt");
        assertThat(wait.get("Next").asText()).isEqualTo("ReleaseHold");
        for (String state : List.of("ReleaseHold", "FollowUp")) {
            assertThat(states.get(state).get("Catch").get(0).get("Next").asText()).as(state).isEqualTo("LeftToSweeps");
        }
    }

    @Test
    void theChoicesRouteEveryStatusTheStepsAnswer_andWaitingPollsUntilTheNextCheck() {
        Map<String, String> route = choices("Route");
        assertThat(route).containsExactlyInAnyOrderEntriesOf(Map.of("settled", "Paid", "waiting", "WaitForPayment",
                "hold-expired", "ReleaseHold", "ended", "FollowUp"));
        assertThat(route.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(StepOutcome.Status.values()).map(StepOutcome.Status::wireName).toList());
        assertThat(states.get("Route").get("Default").asText()).isEqualTo("UnknownStatus");
        assertThat(choices("AfterRelease")).containsExactlyEntriesOf(Map.of("waiting", "WaitForPayment"));
        assertThat(states.get("AfterRelease").get("Default").asText()).isEqualTo("FollowUp");
        JsonNode poll = states.get("WaitForPayment");
        assertThat(poll.get("TimestampPath").asText()).isEqualTo("$.outcome.nextCheckAt");
        assertThat(poll.get("Next").asText()).isEqualTo("Check");
        assertThat(states.get("FollowUp").get("Next").asText()).isEqualTo("Released");
    }

    @Test
    void theStateMachineMayInvokeOnlyThePaymentStepsFunction() {
        List<Map<String, Object>> invokes = Cfn.identityPolicyStatements(app.paymentWorkflow).stream()
                .filter(st -> Cfn.asList(st.get("Action")).contains("lambda:InvokeFunction")).toList();
        assertThat(invokes).singleElement().satisfies(statement ->
                assertThat(Cfn.asList(statement.get("Resource")).stream().map(Cfn::text).toList())
                        .allSatisfy(resource -> assertThat(resource).contains("PaymentStepsFunctionAliaslive")));
    }

    private Map<String, String> choices(String state) {
        return iterableOf(states.get(state).get("Choices")).stream().collect(Collectors.toMap(
                choice -> {
                    assertThat(choice.get("Variable").asText()).isEqualTo("$.outcome.status");
                    return choice.get("StringEquals").asText();
                },
                choice -> choice.get("Next").asText()));
    }

    private static List<JsonNode> iterableOf(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static Set<String> iterable(java.util.Iterator<String> names) {
        Set<String> set = new java.util.HashSet<>();
        names.forEachRemaining(set::add);
        return set;
    }
}
