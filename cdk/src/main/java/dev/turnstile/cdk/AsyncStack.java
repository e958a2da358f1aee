package dev.turnstile.cdk;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.BaseArchiveProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The asynchronous backbone: the {@value #BUS_NAME} event bus (domain events, archived for replay)
 * and the notifications queue with its dead-letter queue. Rules, consumers, the Step Functions
 * workflows (payments, holds) and further queues come with the payments and notifications issues;
 * every queue added here must get a dead-letter queue (a template test checks it) and the
 * observability stack alarms on each dead-letter queue's depth.
 */
public final class AsyncStack extends Stack {

    public static final String BUS_NAME = "turnstile";
    /** Six times a consumer's 15 s timeout, the usual margin for a Lambda event source. */
    static final Duration VISIBILITY_TIMEOUT = Duration.seconds(90);
    static final int MAX_RECEIVE_COUNT = 5;

    private final EventBus bus;
    private final Queue notifications;
    private final Queue notificationsDeadLetters;

    public AsyncStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);

        bus = EventBus.Builder.create(this, "Bus").eventBusName(BUS_NAME).build();
        bus.archive("Archive", BaseArchiveProps.builder()
                .description("Every Turnstile domain event, kept 90 days for replay")
                .eventPattern(EventPattern.builder().account(List.of(Stack.of(this).getAccount())).build())
                .retention(Duration.days(90))
                .build());

        notificationsDeadLetters = Queue.Builder.create(this, "NotificationsDeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(notificationsDeadLetters, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is the notifications queue's dead-letter queue; it is drained by hand "
                        + "(redrive after a fix), so a queue behind it would never receive a message.")
                .build()));
        notifications = Queue.Builder.create(this, "Notifications")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(VISIBILITY_TIMEOUT)
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(notificationsDeadLetters)
                        .maxReceiveCount(MAX_RECEIVE_COUNT)
                        .build())
                .build();

        CfnOutput.Builder.create(this, "BusArn").value(bus.getEventBusArn()).build();
        CfnOutput.Builder.create(this, "NotificationsQueueUrl").value(notifications.getQueueUrl()).build();
    }

    public EventBus bus() {
        return bus;
    }

    public Queue notifications() {
        return notifications;
    }

    /** Every dead-letter queue of this stack, for the observability stack's depth alarms. */
    public List<IQueue> deadLetterQueues() {
        return List.of(notificationsDeadLetters);
    }
}
