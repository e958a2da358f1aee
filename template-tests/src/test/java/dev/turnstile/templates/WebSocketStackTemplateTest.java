package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.catalogue.FunctionCatalogue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live dashboard as deployed: the WebSocket API, its stage, the in-order pusher and what each may touch. */
class WebSocketStackTemplateTest {

    private final SynthesizedApp app = SynthesizedApp.get();

    @Test
    void theWebSocketApiRoutesTheCatalogueRoutesToTheirFunctionsLiveAlias() {
        var apis = app.webSocket.findResources("AWS::ApiGatewayV2::Api");
        assertThat(apis).hasSize(1);
        assertThat(Cfn.properties(apis.values().iterator().next())).containsEntry("ProtocolType", "WEBSOCKET");
        List<String> routeKeys = app.webSocket.findResources("AWS::ApiGatewayV2::Route").values().stream()
                .map(r -> Cfn.properties(r).get("RouteKey").toString()).toList();
        assertThat(routeKeys).containsExactlyInAnyOrder("$connect", "$disconnect", "$default");
        assertThat(app.webSocket.findResources("AWS::ApiGatewayV2::Integration").values()).isNotEmpty()
                .allSatisfy(i -> assertThat(Cfn.properties(i).get("IntegrationUri").toString()).contains("Aliaslive"));
    }

    @Test
    void theStageIsThrottledAndLogsAccessWithoutTheQueryString() {
        var stages = app.webSocket.findResources("AWS::ApiGatewayV2::Stage");
        assertThat(stages).hasSize(1);
        Map<String, Object> stage = Cfn.properties(stages.values().iterator().next());
        assertThat(stage).containsEntry("StageName", "prod").containsEntry("AutoDeploy", true);
        Map<String, Object> logs = Cfn.map(stage.get("AccessLogSettings"));
        assertThat(logs).containsKey("DestinationArn");
        assertThat(logs.get("Format").toString()).contains("$context.routeKey").doesNotContain("querystring");
        assertThat(Cfn.map(stage.get("DefaultRouteSettings"))).containsEntry("LoggingLevel", "ERROR")
                .containsKeys("ThrottlingRateLimit", "ThrottlingBurstLimit");
    }

    @Test
    void thePusherReadsAFifoQueueFedByTheBusInOneMessageGroup_soOneBatchRunsAtATime() {
        var queues = app.webSocket.findResources("AWS::SQS::Queue");
        assertThat(queues).hasSize(2).allSatisfy((id, q) -> assertThat(Cfn.properties(q))
                .containsEntry("FifoQueue", true).containsEntry("SqsManagedSseEnabled", true));
        assertThat(queues.values().stream().map(Cfn::properties)
                .filter(q -> q.containsKey("RedrivePolicy") && Boolean.TRUE.equals(q.get("ContentBasedDeduplication"))))
                .hasSize(1);
        var rules = app.webSocket.findResources("AWS::Events::Rule");
        assertThat(rules).hasSize(1).allSatisfy((id, rule) -> {
            var props = Cfn.properties(rule);
            assertThat(props.get("EventBusName")).isEqualTo("turnstile");
            assertThat(props.get("EventPattern").toString()).contains("turnstile.checkin");
            assertThat(props.get("Targets").toString()).contains("MessageGroupId=dashboard");
        });
        var mappings = app.webSocket.findResources("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(1).allSatisfy((id, m) -> {
            var props = Cfn.properties(m);
            assertThat(props.get("FunctionName").toString()).contains("Aliaslive");
            assertThat(props.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
            assertThat(((Number) props.get("BatchSize")).intValue()).isLessThanOrEqualTo(10);
            assertThat(props).doesNotContainKey("MaximumBatchingWindowInSeconds");
        });
    }

    @Test
    void onlyTheDashboardFunctionsManageConnections_onThisApisStageOnly_andKnowItsCallbackUrl() {
        var functions = Lambdas.functionsByHandler(app.webSocket);
        assertThat(functions.keySet()).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                FunctionCatalogue.webSocket().stream(), FunctionCatalogue.onBusEvents().stream()).map(Lambdas::handlerOf).toList());
        functions.values().forEach(f -> assertThat(Cfn.map(Cfn.map(f.get("Environment")).get("Variables")))
                .containsKey("TURNSTILE_WS_CALLBACK_URL"));
        List<Map<String, Object>> manage = Cfn.identityPolicyStatements(app.webSocket).stream()
                .filter(s -> s.get("Action").toString().contains("execute-api")).toList();
        assertThat(manage).hasSize(2).allSatisfy(s -> {
            assertThat(Cfn.asList(s.get("Action")).stream().map(Object::toString).toList()).containsExactly("execute-api:ManageConnections");
            assertThat(Cfn.asList(s.get("Resource")).stream().map(Cfn::text).toList()).singleElement().asString()
                    .endsWith("/prod/POST/@connections/*").contains("${WebSocketApi");
        });
        for (var template : List.of(app.api, app.schedules, app.workers)) {
            assertThat(Cfn.identityPolicyStatements(template).toString()).doesNotContain("execute-api:ManageConnections");
        }
    }

    @Test
    void connectionItemsExpireByTheTablesTimeToLive() {
        var tables = app.data.findResources("AWS::DynamoDB::Table");
        assertThat(tables.values().stream().map(Cfn::properties)
                .filter(t -> t.toString().contains("TimeToLiveSpecification"))
                .map(t -> Cfn.map(t.get("TimeToLiveSpecification")))).singleElement()
                .satisfies(ttl -> assertThat(ttl).containsEntry("AttributeName", "exp").containsEntry("Enabled", true));
    }
}
