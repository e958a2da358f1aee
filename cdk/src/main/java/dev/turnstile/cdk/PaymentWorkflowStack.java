package dev.turnstile.cdk;

import java.util.List;
import java.util.Map;

import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.WorkflowTask;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The payment workflow (docs/payments.md, "The payment workflow"): the {@code payment-steps}
 * catalogue function and the Step Functions state machine {@value #STATE_MACHINE_NAME} whose task
 * states invoke it, one execution per registration being paid, started by the {@code payments}
 * function ({@code StepFunctionsPaymentWorkflow}):
 *
 * <pre>
 * Check ─► Route: settled ─► Paid │ waiting ─► WaitForPayment (until nextCheckAt) ─► Check
 *                 hold-expired ─► ReleaseHold │ ended ─► FollowUp
 * ReleaseHold ─► AfterRelease: waiting ─► WaitForPayment │ otherwise ─► FollowUp ─► Released
 * Check fails after its retries ─► WaitForHoldExpiry (until the input's holdExpiresAt) ─► ReleaseHold
 * ReleaseHold or FollowUp fails after its retries ─► LeftToSweeps (the schedules redo both)
 * </pre>
 *
 * Every task retries Lambda's and the step's errors with exponential backoff and jitter (the
 * catalogue's {@link WorkflowTask} policy, which the local runner follows too). The state machine's
 * ARN is derived from its fixed name, so the functions that start it need no reference to this
 * stack ({@code Resource.PAYMENT_WORKFLOW}).
 */
public final class PaymentWorkflowStack extends Stack {

    public static final String STATE_MACHINE_NAME = "turnstile-payment";
    /** A hold lasts minutes; a day bounds an execution that something kept from ending. */
    static final Duration EXECUTION_TIMEOUT = Duration.days(1);

    private final CatalogueFunction steps;
    private final StateMachine stateMachine;

    public PaymentWorkflowStack(Construct scope, String id, StackProps props, IUserPool userPool,
                                LambdaArtifacts artifacts, DataStack.DatabaseAccess database) {
        super(scope, id, props);

        FunctionSpec spec = FunctionCatalogue.workflowTasks().stream()
                .filter(f -> f.workflowTasks().stream().anyMatch(t -> t.workflow().equals(WorkflowTask.PAYMENT)))
                .findFirst().orElseThrow();
        Code code = Code.fromAsset(artifacts.forModule(spec.module()).toString());
        Map<String, String> environment = CatalogueFunction.issuerEnvironment(userPool);
        steps = new CatalogueFunction(this, spec, code, environment, database);

        Succeed paid = Succeed.Builder.create(this, "Paid").comment("The registration is confirmed").build();
        Succeed released = Succeed.Builder.create(this, "Released")
                .comment("The hold is released and the open attempt followed up").build();
        Fail leftToSweeps = Fail.Builder.create(this, "LeftToSweeps")
                .error("PaymentStepFailed")
                .cause("A step kept failing; the hold-expiry and payment-follow-ups schedules run the same steps")
                .build();

        LambdaInvoke check = task("Check", "check");
        LambdaInvoke releaseHold = task("ReleaseHold", "release-hold");
        LambdaInvoke followUp = task("FollowUp", "follow-up");

        Wait waitForPayment = Wait.Builder.create(this, "WaitForPayment")
                .comment("Until the next poll, never past the hold's end; a webhook usually settles it first")
                .time(WaitTime.timestampPath("$.outcome.nextCheckAt"))
                .build();
        Wait waitForHoldExpiry = Wait.Builder.create(this, "WaitForHoldExpiry")
                .comment("Checking failed: release the hold when it runs out, not before")
                .time(WaitTime.timestampPath("$.holdExpiresAt"))
                .build();

        check.addCatch(waitForHoldExpiry, CatchProps.builder().errors(List.of("States.ALL"))
                .resultPath("$.error").build());
        releaseHold.addCatch(leftToSweeps, CatchProps.builder().errors(List.of("States.ALL"))
                .resultPath("$.error").build());
        followUp.addCatch(leftToSweeps, CatchProps.builder().errors(List.of("States.ALL"))
                .resultPath("$.error").build());

        waitForPayment.next(check);
        waitForHoldExpiry.next(releaseHold);
        followUp.next(released);
        Choice route = Choice.Builder.create(this, "Route").comment("Where the registration stands").build()
                .when(status("settled"), paid)
                .when(status("waiting"), waitForPayment)
                .when(status("hold-expired"), releaseHold)
                .when(status("ended"), followUp)
                .otherwise(Fail.Builder.create(this, "UnknownStatus").error("UnknownStatus")
                        .causePath("$.outcome.status").build());
        releaseHold.next(Choice.Builder.create(this, "AfterRelease")
                .comment("The hold may still run by a moment (clocks): wait and check again").build()
                .when(status("waiting"), waitForPayment)
                .otherwise(followUp));
        check.next(route);

        LogGroup logs = LogGroup.Builder.create(this, "PaymentWorkflowLogs")
                .logGroupName("/aws/vendedlogs/states/" + STATE_MACHINE_NAME)
                .retention(RetentionDays.THREE_MONTHS)
                .build();
        stateMachine = StateMachine.Builder.create(this, "PaymentWorkflow")
                .stateMachineName(STATE_MACHINE_NAME)
                .stateMachineType(StateMachineType.STANDARD)
                .comment("From a started payment until the registration is paid or its hold released")
                .definitionBody(DefinitionBody.fromChainable(check))
                .timeout(EXECUTION_TIMEOUT)
                .tracingEnabled(true)
                // every state's input and output: ids, statuses and times only (no personal data in them)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
                .build();
        NagSuppressions.addResourceSuppressions(stateMachine, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("The Lambda invoke tasks may call the payment-steps function's live alias and its versions "
                        + "(<alias ARN>:*, as Step Functions' integration requires); log delivery and X-Ray actions "
                        + "have no resource-level permissions.")
                .build()), true);

        CfnOutput.Builder.create(this, "PaymentWorkflowArn").value(stateMachine.getStateMachineArn()).build();
    }

    /** The state machine's ARN, from its fixed name, in the given stack's account and region. */
    static String stateMachineArn(Stack stack) {
        return stack.formatArn(ArnComponents.builder()
                .service("states")
                .resource("stateMachine")
                .resourceName(STATE_MACHINE_NAME)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }

    /** A task state that runs one step on the live alias; its answer replaces {@code $.outcome}. */
    private LambdaInvoke task(String id, String step) {
        LambdaInvoke task = LambdaInvoke.Builder.create(this, id)
                .lambdaFunction(steps.live())
                .payload(TaskInput.fromObject(Map.of(
                        "step", step,
                        "orgId", JsonPath.stringAt("$.orgId"),
                        "registrationId", JsonPath.stringAt("$.registrationId"))))
                .payloadResponseOnly(true)
                .resultPath("$.outcome")
                // ours below: one policy for every error, the same as the local runner's
                .retryOnServiceExceptions(false)
                .build();
        task.addRetry(RetryProps.builder()
                .errors(List.of("States.ALL"))
                .interval(Duration.seconds(WorkflowTask.RETRY_INTERVAL_SECONDS))
                .backoffRate(WorkflowTask.BACKOFF_RATE)
                .maxAttempts(WorkflowTask.MAX_RETRIES)
                .jitterStrategy(JitterType.FULL)
                .build());
        return task;
    }

    private static Condition status(String value) {
        return Condition.stringEquals("$.outcome.status", value);
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    /** The deployed functions, for alarms and dashboards. */
    public List<software.amazon.awscdk.services.lambda.Function> lambdas() {
        return List.of(steps.function());
    }
}
