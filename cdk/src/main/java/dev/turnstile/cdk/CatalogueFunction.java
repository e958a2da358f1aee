package dev.turnstile.cdk;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Schedule;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One entry of the function catalogue as deployed: the Lambda function, its own log group and
 * role, and the {@value #LIVE_ALIAS} alias that API Gateway (HTTP functions) or EventBridge
 * Scheduler (scheduled functions) invokes. Invoking an alias of a published version (never
 * {@code $LATEST}) is what makes SnapStart apply.
 */
final class CatalogueFunction extends Construct {

    static final String LIVE_ALIAS = "live";

    private final FunctionSpec spec;
    private final Function function;
    private final Alias live;

    CatalogueFunction(Construct scope, FunctionSpec spec, Code code, Map<String, String> environment,
                      DataStack.DatabaseAccess database) {
        super(scope, constructId(spec));
        this.spec = spec;

        LogGroup logGroup = LogGroup.Builder.create(this, "LogGroup")
                .retention(RetentionDays.ONE_MONTH)
                .build();

        // Our own role instead of the default one: the default attaches the AWS-managed
        // AWSLambdaBasicExecutionRole, which may write to every log group in the account.
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the " + spec.name() + " function")
                .build();
        logGroup.grantWrite(role);
        allowVpcNetworkInterfaces(role);

        var all = new TreeMap<>(environment);
        all.putAll(database.environment());
        all.putAll(database.environment(spec));
        function = Function.Builder.create(this, "Function")
                .description(description(spec))
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler() + "::handleRequest")
                .code(code)
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(15))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .tracing(Tracing.ACTIVE)
                .role(role)
                .logGroup(logGroup)
                // Powertools writes JSON; Lambda's own platform lines then match it
                .loggingFormat(LoggingFormat.JSON)
                .environment(withService(all, spec))
                // every function reads or writes PostgreSQL, which only the VPC reaches
                .vpc(database.vpc())
                .vpcSubnets(database.subnets())
                .securityGroups(List.of(database.securityGroup()))
                .build();
        database.grantConnect(role);
        database.grantResources(spec, role);
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Every function is published: API Gateway, AppSync or EventBridge Scheduler invokes the '" + LIVE_ALIAS
                        + "' alias of its current version");

        live = function.addAlias(LIVE_ALIAS);

        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords on '*': "
                        + "X-Ray supports no resource-level permissions for these actions; the VPC network "
                        + "interface actions (see allowVpcNetworkInterfaces) are checked by Lambda on '*'.")
                .appliesTo(List.of("Resource::*"))
                .build()), true);
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-L1")
                .reason("Turnstile targets Java 21 throughout (maven.compiler.release 21 in the parent pom, "
                        + "java21 in DESIGN.md); moving the functions to java25 is a build-wide change, "
                        + "made with the compiler release, not per function.")
                .build()));
    }

    /** The network-interface actions a function in a VPC needs (as AWSLambdaVPCAccessExecutionRole grants). */
    static final List<String> VPC_NETWORK_INTERFACE_ACTIONS = List.of(
            "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses");

    /**
     * Lambda creates and deletes the function's network interfaces with its role. These actions
     * are granted on '*' as in the AWS-managed AWSLambdaVPCAccessExecutionRole (Describe* has no
     * resource-level permissions, and Lambda checks the role with '*' on create), but without
     * that policy's account-wide log permissions.
     */
    static void allowVpcNetworkInterfaces(Role role) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(VPC_NETWORK_INTERFACE_ACTIONS)
                .resources(List.of("*"))
                .build());
    }

    FunctionSpec spec() {
        return spec;
    }

    Function function() {
        return function;
    }

    /** What API Gateway integrates with and EventBridge Scheduler invokes. */
    Alias live() {
        return live;
    }

    /**
     * The issuer API Gateway's authorizer trusts, for handlers that verify the token themselves
     * (the local runtime has no API Gateway, and one code path should serve both hosts).
     * {@code Services.fromEnvironment()} requires both variables, so every function gets them.
     */
    static Map<String, String> issuerEnvironment(IUserPool userPool) {
        String issuer = "https://" + userPool.getUserPoolProviderName();
        return Map.of(
                "TURNSTILE_JWT_ISSUER", issuer,
                "TURNSTILE_JWKS_URL", issuer + "/.well-known/jwks.json");
    }

    private static String description(FunctionSpec spec) {
        if (spec.isHttp()) {
            return spec.name() + ": " + spec.routes().size() + " API routes";
        }
        if (!spec.graphqlFields().isEmpty()) {
            return spec.name() + ": AppSync resolver of the " + spec.graphqlFields().getFirst().typeName() + " fields";
        }
        if (!spec.webSocketRoutes().isEmpty()) {
            return spec.name() + ": WebSocket routes " + spec.webSocketRoutes();
        }
        if (!spec.busEvents().isEmpty()) {
            return spec.name() + ": bus events from " + spec.busEvents().getFirst().source() + ", in order";
        }
        if (!spec.queues().isEmpty()) {
            return spec.name() + ": reads the " + spec.queues().getFirst().queue() + " queue";
        }
        return spec.name() + ": runs on " + String.join(", ", spec.schedules().stream().map(Schedule::expression).toList());
    }

    private static Map<String, String> withService(Map<String, String> environment, FunctionSpec spec) {
        var all = new TreeMap<>(environment);
        all.put("POWERTOOLS_SERVICE_NAME", "turnstile-" + spec.name());
        return all;
    }

    /** {@code ticket-types} becomes {@code TicketTypes}: readable logical ids in the template. */
    static String constructId(FunctionSpec spec) {
        StringBuilder id = new StringBuilder();
        for (String word : spec.name().split("-")) {
            id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return id.toString();
    }
}
