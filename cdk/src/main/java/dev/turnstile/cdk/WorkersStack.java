package dev.turnstile.cdk;

import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.QueueSource;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The queue consumers ({@link FunctionCatalogue#queued()}): per entry, its SQS queue with a
 * dead-letter queue, the bus rule that fills the queue, and the function reading it in batches
 * with partial batch failures reported. As in the other stacks, nothing is listed by hand.
 */
public final class WorkersStack extends Stack {

    /** Six times a consumer's 15 s timeout, the usual margin for a Lambda event source. */
    static final Duration VISIBILITY_TIMEOUT = Duration.seconds(90);
    static final int MAX_RECEIVE_COUNT = 5;
    /** What each queue's rule matches: the check-in events the scan path puts on the bus. */
    static final String CHECK_IN_SOURCE = "turnstile.checkin";

    private final List<CatalogueFunction> lambdas = new ArrayList<>();
    private final List<IQueue> deadLetterQueues = new ArrayList<>();

    public WorkersStack(Construct scope, String id, StackProps props, IUserPool userPool, LambdaArtifacts artifacts,
                        DataStack.DatabaseAccess database) {
        super(scope, id, props);
        IEventBus bus = EventBus.fromEventBusName(this, "Bus", AsyncStack.BUS_NAME);

        for (FunctionSpec spec : FunctionCatalogue.queued()) {
            Code code = Code.fromAsset(artifacts.forModule(spec.module()).toString());
            CatalogueFunction function = new CatalogueFunction(this, spec, code,
                    CatalogueFunction.issuerEnvironment(userPool), database);
            lambdas.add(function);
            for (QueueSource source : spec.queues()) {
                String queueId = CatalogueFunction.constructId(spec) + "Queue";
                Queue deadLetters = Queue.Builder.create(this, queueId + "DeadLetters")
                        .encryption(QueueEncryption.SQS_MANAGED)
                        .enforceSsl(true)
                        .retentionPeriod(Duration.days(14))
                        .build();
                NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SQS3")
                        .reason("The dead-letter queue of the " + source.queue() + " queue; drained by hand "
                                + "(redrive after a fix), so a queue behind it would never receive a message.")
                        .build()));
                deadLetterQueues.add(deadLetters);
                Queue queue = Queue.Builder.create(this, queueId)
                        .encryption(QueueEncryption.SQS_MANAGED)
                        .enforceSsl(true)
                        .visibilityTimeout(VISIBILITY_TIMEOUT)
                        .retentionPeriod(Duration.days(4))
                        .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                        .build();
                Rule.Builder.create(this, queueId + "Rule")
                        .eventBus(bus)
                        .description(source.events() + " -> " + source.queue())
                        .eventPattern(EventPattern.builder().source(List.of(CHECK_IN_SOURCE)).build())
                        .targets(List.of(SqsQueue.Builder.create(queue).build()))
                        .build();
                function.live().addEventSource(SqsEventSource.Builder.create(queue)
                        .batchSize(source.batchSize())
                        .maxBatchingWindow(Duration.seconds(source.batchingWindowSeconds()))
                        .reportBatchItemFailures(true)
                        .build());
            }
        }
    }

    /** The deployed functions, for alarms and dashboards. */
    public List<software.amazon.awscdk.services.lambda.Function> lambdas() {
        return lambdas.stream().map(CatalogueFunction::function).toList();
    }

    public List<IQueue> deadLetterQueues() {
        return List.copyOf(deadLetterQueues);
    }
}
