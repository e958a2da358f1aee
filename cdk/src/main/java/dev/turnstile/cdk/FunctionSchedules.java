package dev.turnstile.cdk;

import java.util.List;
import java.util.Map;

import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Schedule;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.ServicePrincipalOpts;
import software.amazon.awscdk.services.lambda.DestinationConfig;
import software.amazon.awscdk.services.lambda.DestinationOptions;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.scheduler.ContextAttribute;
import software.amazon.awscdk.services.scheduler.IScheduleGroup;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.TimeWindow;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * What makes one scheduled catalogue function run: per catalogue {@link Schedule} an EventBridge
 * Scheduler schedule that invokes the function's {@value CatalogueFunction#LIVE_ALIAS} alias, the
 * role Scheduler assumes for it, and one dead-letter queue for the runs that fail.
 *
 * <p>Scheduler invokes Lambda asynchronously, so a run can fail in two places, and both end in
 * the same queue:
 * <ul>
 *   <li>delivery (Lambda refuses the invocation: permission, missing alias, service error):
 *       Scheduler retries {@value #DELIVERY_RETRY_ATTEMPTS} times within one period, then sends
 *       the event to the queue (the schedule's dead-letter config);</li>
 *   <li>the function itself (exception, timeout): Lambda does not retry, since the next tick
 *       redoes the work and a retry would only overlap it; the invocation record goes to the
 *       queue (the live alias's on-failure destination), as does an event left waiting in
 *       Lambda's queue (throttled) for longer than one period.</li>
 * </ul>
 */
final class FunctionSchedules extends Construct {

    /** Scheduler's retries of an invocation Lambda did not accept; bounded by one period anyway. */
    static final int DELIVERY_RETRY_ATTEMPTS = 3;
    /** Lambda's retries of a run that failed: none, the next tick is the retry. */
    static final int FUNCTION_RETRY_ATTEMPTS = 0;

    /** Lambda keeps an asynchronous event at most six hours. */
    private static final long MAX_EVENT_AGE_SECONDS = 6 * 3600;

    private final CatalogueFunction function;
    private final Queue deadLetterQueue;
    private final Role invokerRole;

    FunctionSchedules(Construct scope, CatalogueFunction function, IScheduleGroup group) {
        super(scope, CatalogueFunction.constructId(function.spec()) + "Schedules");
        FunctionSpec spec = function.spec();
        if (spec.schedules().isEmpty()) {
            throw new IllegalArgumentException(spec.name() + " has no schedules");
        }
        this.function = function;

        // failed runs only: no personal data, so SQS-managed encryption (no key policy for two
        // service principals to keep in step); fourteen days to look at a failure after a weekend
        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(deadLetterQueue, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is itself the dead-letter queue of " + spec.name() + "'s schedules and of its "
                        + "live alias's failed asynchronous runs; nothing consumes it automatically, so a "
                        + "further dead-letter queue behind it would never receive a message.")
                .build()));

        long shortestPeriod = spec.schedules().stream().mapToLong(Schedule::periodSeconds).min().orElseThrow();
        function.live().configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(FUNCTION_RETRY_ATTEMPTS)
                .maxEventAge(maxEventAge(shortestPeriod))
                .onFailure(new SendOnlyQueueDestination(deadLetterQueue))
                .build());

        // trusted by Scheduler for schedules of this stack's group in this account only
        // (confused-deputy guard); LambdaInvoke adds lambda:InvokeFunction on the live alias and
        // sqs:SendMessage on the dead-letter queue, nothing else
        invokerRole = Role.Builder.create(this, "InvokerRole")
                .description("EventBridge Scheduler invokes the live alias of " + spec.name() + " with this role")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com", ServicePrincipalOpts.builder()
                        .conditions(Map.of("StringEquals", Map.of(
                                "aws:SourceAccount", Stack.of(this).getAccount(),
                                "aws:SourceArn", group.getScheduleGroupArn())))
                        .build()))
                .build();

        for (Schedule schedule : spec.schedules()) {
            software.amazon.awscdk.services.scheduler.Schedule.Builder.create(this, scheduleId(schedule))
                    .scheduleGroup(group)
                    .schedule(ScheduleExpression.expression(schedule.expression()))
                    .description(spec.name() + ": " + schedule.purpose())
                    .timeWindow(TimeWindow.off())
                    .target(new LambdaInvoke(function.live(), ScheduleTargetBaseProps.builder()
                            .role(invokerRole)
                            .retryAttempts(DELIVERY_RETRY_ATTEMPTS)
                            // a delivery later than the next tick is pointless: that tick does the work
                            .maxEventAge(maxEventAge(schedule.periodSeconds()))
                            .deadLetterQueue(deadLetterQueue)
                            .input(ScheduleTargetInput.fromObject(Map.of(
                                    "function", spec.name(),
                                    "schedule", schedule.expression(),
                                    "scheduledTime", ContextAttribute.getScheduledTime(),
                                    "executionId", ContextAttribute.getExecutionId())))
                            .build()))
                    .build()
                    // the schedule names its group by name, not by reference
                    .getNode().addDependency(group);
        }
    }

    CatalogueFunction function() {
        return function;
    }

    Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    Role invokerRole() {
        return invokerRole;
    }

    /** One period, within what Scheduler (1 min to 24 h) and Lambda (1 min to 6 h) accept. */
    private static Duration maxEventAge(long periodSeconds) {
        return Duration.seconds(Math.max(60, Math.min(periodSeconds, MAX_EVENT_AGE_SECONDS)));
    }

    /**
     * An on-failure destination that grants the function's role {@code sqs:SendMessage} on the
     * queue and nothing else: all Lambda needs to deliver the record. (CDK's {@code SqsDestination}
     * grants {@code GetQueueAttributes} and {@code GetQueueUrl} as well.)
     */
    private static final class SendOnlyQueueDestination implements IDestination {

        private final Queue queue;

        SendOnlyQueueDestination(Queue queue) {
            this.queue = queue;
        }

        @Override
        public DestinationConfig bind(Construct scope, IFunction fn, DestinationOptions options) {
            return bind(scope, fn);
        }

        @Override
        public DestinationConfig bind(Construct scope, IFunction fn) {
            queue.grant(fn, "sqs:SendMessage");
            return DestinationConfig.builder().destination(queue.getQueueArn()).build();
        }
    }

    /** {@code rate(15 minutes)} becomes {@code Rate15Minutes}: stable when schedules are reordered. */
    static String scheduleId(Schedule schedule) {
        StringBuilder id = new StringBuilder();
        for (String word : schedule.expression().split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }
}
