package dev.turnstile.cdk;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * What tells an operator something is wrong: per function errors, throttles and p99 duration;
 * the API's 5xx and p99 latency; every dead-letter queue's depth. Every alarm notifies one
 * encrypted SNS topic ({@code AlarmTopicArn}: subscribe e-mail or a pager to it), and one
 * dashboard shows the same metrics.
 */
public final class ObservabilityStack extends Stack {

    /** HTTP functions answer a person waiting: p99 above this is an incident. */
    static final Duration HTTP_P99_THRESHOLD = Duration.seconds(3);
    /** Non-HTTP functions: most of their 15 s timeout. */
    static final Duration WORKER_P99_THRESHOLD = Duration.seconds(12);
    static final Duration API_P99_THRESHOLD = Duration.seconds(3);

    private final Topic alarms;
    private final List<Alarm> all = new ArrayList<>();

    public ObservabilityStack(Construct scope, String id, StackProps props, ApiStack api, SchedulesStack schedules,
                              WorkersStack workers, WebSocketStack webSocket, AsyncStack async, DataStack data,
                              PaymentWorkflowStack paymentWorkflow) {
        super(scope, id, props);

        // a customer-managed key: CloudWatch cannot publish to a topic under the AWS-managed SNS key
        Key key = Key.Builder.create(this, "AlarmTopicKey")
                .description("Encrypts the Turnstile alarm topic")
                .enableKeyRotation(true)
                .build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        alarms = Topic.Builder.create(this, "AlarmTopic")
                .displayName("Turnstile alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();

        List<IMetric> errors = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        List<IMetric> durations = new ArrayList<>();
        for (Function function : api.lambdas()) {
            functionAlarms(function, HTTP_P99_THRESHOLD, errors, throttles, durations);
        }
        for (Function function : schedules.lambdas()) {
            functionAlarms(function, WORKER_P99_THRESHOLD, errors, throttles, durations);
        }
        for (Function function : workers.lambdas()) {
            functionAlarms(function, WORKER_P99_THRESHOLD, errors, throttles, durations);
        }
        // the dashboard's socket and pusher: short calls, but not on a scanner's path
        for (Function function : webSocket.lambdas()) {
            functionAlarms(function, WORKER_P99_THRESHOLD, errors, throttles, durations);
        }
        for (Function function : paymentWorkflow.lambdas()) {
            functionAlarms(function, WORKER_P99_THRESHOLD, errors, throttles, durations);
        }
        // an execution that failed left a registration to the sweeps: worth a look
        Metric failedExecutions = paymentWorkflow.stateMachine().metricFailed(sum());
        alarm("PaymentWorkflowFailed", failedExecutions, 0,
                "A payment workflow execution failed; the hold-expiry and payment-follow-ups schedules finish its work");
        Metric timedOutExecutions = paymentWorkflow.stateMachine().metricTimedOut(sum());
        alarm("PaymentWorkflowTimedOut", timedOutExecutions, 0, "A payment workflow execution ran out of time");

        RestApi restApi = api.api();
        Metric serverErrors = restApi.metricServerError(sum());
        Metric latency = restApi.metricLatency(p99());
        alarm("Api5xx", serverErrors, 5, "More than five 5xx answers from the API in 5 minutes");
        alarm("ApiLatencyP99", latency, API_P99_THRESHOLD.toMilliseconds(),
                "API p99 latency above " + API_P99_THRESHOLD.toSeconds() + " s over 5 minutes");

        List<IQueue> deadLetterQueues = new ArrayList<>(schedules.deadLetterQueues());
        deadLetterQueues.addAll(async.deadLetterQueues());
        deadLetterQueues.addAll(workers.deadLetterQueues());
        deadLetterQueues.addAll(webSocket.deadLetterQueues());
        List<IMetric> depths = new ArrayList<>();
        int i = 0;
        for (IQueue queue : deadLetterQueues) {
            Metric depth = queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                    .period(Duration.minutes(5)).statistic("Maximum").build());
            depths.add(depth);
            alarm("DeadLetters" + (++i) + deadLetterId(queue), depth, 0,
                    "A message reached a dead-letter queue: a run or a message failed for good");
        }

        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("turnstile")
                .defaultInterval(Duration.hours(3))
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# Turnstile\nAPI, functions, queues and data. Alarms go to the alarm topic; "
                        + "runbook in docs/operations.md.")
                .width(24).height(2).build());
        dashboard.addWidgets(
                graph("API requests and 5xx", List.of(restApi.metricCount(sum()), serverErrors,
                        restApi.metricClientError(sum()))),
                graph("API latency p99 (ms)", List.of(latency, restApi.metricIntegrationLatency(p99()))));
        dashboard.addWidgets(
                graph("Function errors", errors),
                graph("Function throttles", throttles),
                graph("Function duration p99 (ms)", durations));
        dashboard.addWidgets(
                graph("Dead-letter queue depth", depths),
                graph("Aurora capacity (ACU) and connections", List.of(
                        data.cluster().metricServerlessDatabaseCapacity(MetricOptions.builder().statistic("Average").build()),
                        data.cluster().metricDatabaseConnections())),
                graph("Check-in table throttles", List.of(
                        data.checkIns().metricThrottledRequestsForOperations(
                                software.amazon.awscdk.services.dynamodb.OperationsMetricOptions.builder().build()))));

        CfnOutput.Builder.create(this, "AlarmTopicArn").value(alarms.getTopicArn()).build();
    }

    public Topic alarmTopic() {
        return alarms;
    }

    public List<Alarm> alarms() {
        return List.copyOf(all);
    }

    private void functionAlarms(Function function, Duration p99Threshold, List<IMetric> errors,
                                List<IMetric> throttles, List<IMetric> durations) {
        String name = function.getNode().getScope().getNode().getId();
        Metric functionErrors = function.metricErrors(sum());
        Metric functionThrottles = function.metricThrottles(sum());
        Metric duration = function.metricDuration(p99());
        errors.add(functionErrors);
        throttles.add(functionThrottles);
        durations.add(duration);
        alarm(name + "Errors", functionErrors, 0, name + ": a run failed (errors over 5 minutes)");
        alarm(name + "Throttles", functionThrottles, 0, name + ": invocations throttled (concurrency limit)");
        alarm(name + "DurationP99", duration, p99Threshold.toMilliseconds(),
                name + ": p99 duration above " + p99Threshold.toSeconds() + " s over 5 minutes");
    }

    private void alarm(String id, Metric metric, Number threshold, String description) {
        Alarm alarm = metric.createAlarm(this, id, CreateAlarmOptions.builder()
                .alarmDescription(description)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
        alarm.addAlarmAction(new SnsAction(alarms));
        alarm.addOkAction(new SnsAction(alarms));
        all.add(alarm);
    }

    private static String deadLetterId(IQueue queue) {
        return queue.getNode().getScope().getNode().getId();
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
    }

    private static MetricOptions p99() {
        return MetricOptions.builder().period(Duration.minutes(5)).statistic("p99").build();
    }

    private static IWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(new ArrayList<>(metrics)).width(8).height(6).build();
    }
}
