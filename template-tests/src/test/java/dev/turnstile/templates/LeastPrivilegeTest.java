package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * What the stacks' roles may do: named actions on named resources. The one wildcard resource is
 * X-Ray's, whose trace actions have no resource-level permissions (docs/infrastructure.md, IAM5).
 */
class LeastPrivilegeTest {

    /** The only actions allowed on {@code Resource: "*"}. */
    private static final Set<String> WITHOUT_RESOURCE_LEVEL_PERMISSIONS = Set.of(
            "xray:PutTraceSegments", "xray:PutTelemetryRecords",
            // a function in a VPC: Lambda manages its network interfaces with the function's role
            "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
            // a traced state machine: X-Ray's sampling calls
            "xray:GetSamplingRules", "xray:GetSamplingTargets",
            // a state machine logging to CloudWatch Logs: vended log delivery, which IAM checks on '*' only
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups");

    static Stream<Arguments> stacks() {
        SynthesizedApp app = SynthesizedApp.get();
        return Stream.of(Arguments.of("TurnstileApi", app.api), Arguments.of("TurnstileSchedules", app.schedules),
                Arguments.of("TurnstileWorkers", app.workers), Arguments.of("TurnstileData", app.data),
                Arguments.of("TurnstilePaymentWorkflow", app.paymentWorkflow),
                Arguments.of("TurnstileWebSocket", app.webSocket));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void noPolicyAllowsEveryActionOfAService(String stack, Template template) {
        List<Map<String, Object>> statements = allowStatements(template);

        assertThat(statements).as(stack).isNotEmpty().allSatisfy(statement ->
                assertThat(Cfn.asList(statement.get("Action")))
                        .as("actions of %s", statement)
                        .noneMatch(action -> "*".equals(action) || action.toString().endsWith(":*")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void noPolicyAllowsAnythingButTracingOnAWildcardResource(String stack, Template template) {
        assertThat(allowStatements(template)).as(stack).allSatisfy(statement -> {
            boolean wildcard = Cfn.asList(statement.get("Resource")).stream().map(Cfn::text)
                    .filter(resource -> !anyVersionOfOneFunction(statement, resource))
                    .filter(resource -> !connectionsOfOneWebSocketStage(statement, resource))
                    .filter(resource -> !objectsUnderOnePrefixOfOneBucket(statement, resource))
                    .anyMatch(resource -> resource.contains("*"));
            if (wildcard) {
                assertThat(Cfn.asList(statement.get("Resource")).stream().map(Cfn::text).toList())
                        .as("resources of %s", statement).containsExactly("*");
                assertThat(Cfn.asList(statement.get("Action"))).as("actions on * of %s", statement)
                        .allMatch(WITHOUT_RESOURCE_LEVEL_PERMISSIONS::contains);
            }
        });
    }

    /**
     * The GraphQL functions (POST /graphql's and AppSync's resolver) read what the REST routes they
     * mirror read, all in PostgreSQL: each may write its logs and traces, manage its network
     * interfaces, connect to the proxy and read the key-sealing secret every function opens at
     * init, nothing else (no table, bucket, bus, payment secret or workflow).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"graphql", "graphql-resolver"})
    void theGraphqlFunctionsMayOnlyLogTraceUseTheirNetworkInterfacesAndConnectToTheDatabase(String name) {
        Template api = SynthesizedApp.get().api;
        var spec = dev.turnstile.catalogue.FunctionCatalogue.all().stream().filter(f -> f.name().equals(name))
                .findFirst().orElseThrow();
        Map<String, Object> graphql = Lambdas.functionsByHandler(api).get(Lambdas.handlerOf(spec));
        Set<String> allowed = new java.util.HashSet<>(WITHOUT_RESOURCE_LEVEL_PERMISSIONS);
        allowed.addAll(Set.of("logs:CreateLogStream", "logs:PutLogEvents", "rds-db:connect",
                "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"));

        List<Map<String, Object>> statements = Lambdas.statementsOfRole(api, graphql);

        assertThat(spec.uses()).isEmpty();
        assertThat(statements.stream().flatMap(statement -> Cfn.asList(statement.get("Action")).stream()).map(Object::toString))
                .contains("rds-db:connect", "logs:PutLogEvents").allMatch(allowed::contains);
        assertThat(statements).filteredOn(statement -> Cfn.asList(statement.get("Action")).stream()
                        .anyMatch(action -> action.toString().startsWith("secretsmanager:")))
                .singleElement().satisfies(statement -> assertThat(Cfn.text(statement.get("Resource")))
                        .contains("TicketKeySealing"));
    }

    /**
     * {@code <function ARN>:*}: every version of one named function, which the migration trigger's
     * provider invokes (the trigger runs the version the deploy just published).
     */
    private static boolean anyVersionOfOneFunction(Map<String, Object> statement, String resource) {
        return Cfn.asList(statement.get("Action")).equals(List.of("lambda:InvokeFunction"))
                && resource.matches("\\$\\{[A-Za-z0-9]+}:\\*");
    }

    /**
     * {@code execute-api:ManageConnections} on {@code <api>/prod/POST/@connections/*}: the connections
     * of one WebSocket API's stage, whose ids API Gateway assigns at connect time.
     */
    private static boolean connectionsOfOneWebSocketStage(Map<String, Object> statement, String resource) {
        return Cfn.asList(statement.get("Action")).equals(List.of("execute-api:ManageConnections"))
                && resource.matches("arn:\\$\\{AWS::Partition}:execute-api:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:"
                        + "\\$\\{[A-Za-z0-9]+}/prod/POST/@connections/\\*");
    }

    /**
     * {@code <bucket ARN>/<prefix>/*}: the objects under one named prefix of one named bucket, read
     * and written by key (ticket PDFs); never a bucket-wide or account-wide object wildcard.
     */
    static boolean objectsUnderOnePrefixOfOneBucket(Map<String, Object> statement, String resource) {
        return OBJECT_ACTIONS.containsAll(Cfn.asList(statement.get("Action")))
                && resource.matches("\\$\\{[^}*]+}/[a-z][a-z0-9-]*/\\*");
    }

    /** What a function may do to the objects of a bucket: read and write, not delete or change ACLs. */
    private static final Set<String> OBJECT_ACTIONS = Set.of("s3:GetObject", "s3:PutObject");

    private static List<Map<String, Object>> allowStatements(Template template) {
        return Cfn.identityPolicyStatements(template).stream()
                .filter(statement -> "Allow".equals(statement.get("Effect")))
                .toList();
    }
}
