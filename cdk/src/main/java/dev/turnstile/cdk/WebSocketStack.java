package dev.turnstile.cdk;

import dev.turnstile.catalogue.BusEvents;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Resource;
import dev.turnstile.catalogue.WebSocketRoute;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The live dashboard (docs/check-in.md, "Live dashboard"): the WebSocket API with the catalogue's
 * WebSocket routes ({@link FunctionCatalogue#webSocket()}) integrated with their function's live
 * alias, and the functions that receive bus events in order ({@link FunctionCatalogue#onBusEvents()}):
 * per entry a rule on the bus feeding an SQS FIFO queue with one message group, so the pusher runs
 * one batch at a time and one container keeps the counts. The functions that post to connections
 * may do so on this API's stage only.
 */
public final class WebSocketStack extends Stack {

    public static final String STAGE_NAME = "prod";
    /** One group: the whole queue is delivered in order, one batch at a time. */
    static final String MESSAGE_GROUP = "dashboard";

    private final WebSocketApi api;
    private final WebSocketStage stage;
    private final List<CatalogueFunction> functions = new ArrayList<>();
    private final List<IQueue> deadLetterQueues = new ArrayList<>();

    public WebSocketStack(Construct scope, String id, StackProps props, IUserPool userPool, LambdaArtifacts artifacts,
                          DataStack.DatabaseAccess database) {
        super(scope, id, props);

        api = WebSocketApi.Builder.create(this, "WebSocketApi")
                .apiName("turnstile-dashboard")
                .description("Turnstile live dashboard, built from the function catalogue")
                .routeSelectionExpression("$request.body.action")
                .build();
        for (FunctionSpec spec : FunctionCatalogue.webSocket()) {
            CatalogueFunction function = function(spec, userPool, artifacts, database);
            WebSocketLambdaIntegration integration = new WebSocketLambdaIntegration(
                    CatalogueFunction.constructId(spec) + "Integration", function.live());
            for (WebSocketRoute route : spec.webSocketRoutes()) {
                api.addRoute(route.key(), WebSocketRouteOptions.builder().integration(integration).build());
            }
        }
        NagSuppressions.addResourceSuppressions(api, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-APIG4")
                .reason("WebSocket APIs take no Cognito authorizer; $connect's function verifies the bearer token with "
                        + "the same JWKS verifier as every REST handler and refuses with 401/403/404, and API Gateway "
                        + "routes $default and $disconnect only for connections $connect accepted.")
                .build()), true);

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs").retention(RetentionDays.THREE_MONTHS).build();
        stage = WebSocketStage.Builder.create(this, "Stage")
                .webSocketApi(api)
                .stageName(STAGE_NAME)
                .autoDeploy(true)
                // a dashboard screen per door supervisor: far below this; the ceiling is against floods
                .throttle(ThrottleSettings.builder().rateLimit(50).burstLimit(100).build())
                .build();
        CfnStage cfnStage = (CfnStage) stage.getNode().getDefaultChild();
        cfnStage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                // no query string: a token sent as ?token= must not land in the logs
                .format("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                        + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
                        + "\"eventType\":\"$context.eventType\",\"status\":\"$context.status\","
                        + "\"connectionId\":\"$context.connectionId\"}")
                .build());
        cfnStage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .loggingLevel("ERROR").dataTraceEnabled(false).detailedMetricsEnabled(true)
                .throttlingRateLimit(50).throttlingBurstLimit(100)
                .build());

        IEventBus bus = EventBus.fromEventBusName(this, "Bus", AsyncStack.BUS_NAME);
        for (FunctionSpec spec : FunctionCatalogue.onBusEvents()) {
            CatalogueFunction function = function(spec, userPool, artifacts, database);
            for (BusEvents events : spec.busEvents()) {
                subscribe(bus, spec, function, events);
            }
        }

        for (CatalogueFunction function : functions) {
            function.function().addEnvironment("TURNSTILE_WS_CALLBACK_URL", stage.getCallbackUrl());
            if (function.spec().uses().contains(Resource.WEBSOCKET_CONNECTIONS)) {
                // PostToConnection on this stage's connections; their ids are random, hence the one wildcard
                function.function().addToRolePolicy(PolicyStatement.Builder.create()
                        .actions(List.of("execute-api:ManageConnections"))
                        .resources(List.of(connectionsArn()))
                        .build());
                NagSuppressions.addResourceSuppressions(function.function().getRole(), List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("execute-api:ManageConnections on the connections of this WebSocket API's " + STAGE_NAME
                                + " stage: connection ids are assigned by API Gateway at connect time, so they "
                                + "cannot be named in advance.")
                        .appliesTo(List.of("Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<"
                                + Stack.of(this).getLogicalId((software.amazon.awscdk.CfnElement) api.getNode().getDefaultChild())
                                + ">/" + STAGE_NAME + "/POST/@connections/*"))
                        .build()), true);
            }
        }

        CfnOutput.Builder.create(this, "WebSocketUrl").value(stage.getUrl()).build();
    }

    private CatalogueFunction function(FunctionSpec spec, IUserPool userPool, LambdaArtifacts artifacts,
                                       DataStack.DatabaseAccess database) {
        Code code = Code.fromAsset(artifacts.forModule(spec.module()).toString());
        CatalogueFunction function = new CatalogueFunction(this, spec, code, CatalogueFunction.issuerEnvironment(userPool),
                database);
        functions.add(function);
        return function;
    }

    /** Bus rule -> FIFO queue (one group, content-based deduplication) -> the function, batches in order. */
    private void subscribe(IEventBus bus, FunctionSpec spec, CatalogueFunction function, BusEvents events) {
        String queueId = CatalogueFunction.constructId(spec) + "Queue";
        Queue deadLetters = Queue.Builder.create(this, queueId + "DeadLetters")
                .fifo(true)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(1))
                .build();
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("The dead-letter queue of the " + spec.name() + " FIFO queue: dashboard pushes that failed "
                        + "three times. They are not replayed (the next push carries full counts); kept a day for diagnosis.")
                .build()));
        deadLetterQueues.add(deadLetters);
        Queue queue = Queue.Builder.create(this, queueId)
                .fifo(true)
                // EventBridge may deliver an event twice; the body (event id included) is the deduplication key
                .contentBasedDeduplication(true)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // a dashboard update older than a minute is worth nothing: the next one replaces it
                .retentionPeriod(Duration.minutes(5))
                .visibilityTimeout(Duration.seconds(30))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(3).build())
                .build();
        Rule.Builder.create(this, queueId + "Rule")
                .eventBus(bus)
                .description(events.purpose() + " -> " + spec.name() + " (FIFO, in order)")
                .eventPattern(EventPattern.builder().source(List.of(events.source())).build())
                .targets(List.of(SqsQueue.Builder.create(queue).messageGroupId(MESSAGE_GROUP).build()))
                .build();
        // no batching window (FIFO queues have none): a batch leaves as soon as a message is there
        function.live().addEventSource(SqsEventSource.Builder.create(queue)
                .batchSize(events.batchSize())
                .reportBatchItemFailures(true)
                .build());
    }

    private String connectionsArn() {
        return Stack.of(this).formatArn(software.amazon.awscdk.ArnComponents.builder()
                .service("execute-api")
                .resource(api.getApiId())
                .resourceName(STAGE_NAME + "/POST/@connections/*")
                .build());
    }

    public WebSocketApi api() {
        return api;
    }

    /** The deployed functions, for alarms and dashboards. */
    public List<software.amazon.awscdk.services.lambda.Function> lambdas() {
        return functions.stream().map(CatalogueFunction::function).toList();
    }

    public List<IQueue> deadLetterQueues() {
        return List.copyOf(deadLetterQueues);
    }
}
