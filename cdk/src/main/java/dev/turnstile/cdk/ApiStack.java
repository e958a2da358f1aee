package dev.turnstile.cdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.turnstile.catalogue.Access;
import dev.turnstile.catalogue.BrowserAccess;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Route;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The REST API: one Lambda per HTTP function of the {@link FunctionCatalogue}
 * ({@link FunctionCatalogue#http()}) and one API Gateway method per catalogue route, integrated
 * with that function's live alias. Nothing here lists routes by hand: adding a route to the
 * catalogue adds it to the API (POST /graphql, the GraphQL endpoint, included). Browsers on the
 * admin UI's origin get CORS preflights on every resource ({@link BrowserAccess}), and the
 * stage sits behind a WAF web ACL ({@link ApiFirewall}). Beside it, the AppSync GraphQL API
 * ({@link AppSyncApi}) with the catalogue's resolver function, behind the same web ACL.
 * Scheduled functions live in {@link SchedulesStack}.
 */
public final class ApiStack extends Stack {

    /** The routes carry their {@code /v1} version; the stage only names the deployment. */
    public static final String STAGE_NAME = "prod";

    private final RestApi api;
    private final List<CatalogueFunction> functions = new ArrayList<>();
    private AppSyncApi appSync;

    /**
     * {@code adminOrigin}: the only browser origin the API answers (an https origin, possibly a
     * token such as the web stack's distribution domain); {@code requestsPerIp}: the firewall's
     * per-IP limit per five minutes.
     */
    public ApiStack(Construct scope, String id, StackProps props, IUserPool userPool, LambdaArtifacts artifacts,
                    DataStack.DatabaseAccess database, String adminOrigin, int requestsPerIp, Path graphqlSchema) {
        super(scope, id, props);

        Map<String, String> environment = new java.util.TreeMap<>(CatalogueFunction.issuerEnvironment(userPool));
        // the functions name the origin on every answer; API Gateway answers only the preflight
        environment.put(BrowserAccess.ORIGIN_VARIABLE, adminOrigin);
        for (FunctionSpec spec : FunctionCatalogue.http()) {
            Code code = Code.fromAsset(artifacts.forModule(spec.module()).toString());
            functions.add(new CatalogueFunction(this, spec, code, environment, database));
        }

        api = restApi(adminOrigin);
        CognitoUserPoolsAuthorizer authorizer = CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
                .cognitoUserPools(List.of(userPool))
                .build();
        for (CatalogueFunction function : functions) {
            // the test-invoke permission only serves the console's test button
            LambdaIntegration integration = LambdaIntegration.Builder.create(function.live())
                    .allowTestInvoke(false)
                    .build();
            for (Route route : function.spec().routes()) {
                // resourceForPath reuses the resources earlier routes created, {param} included
                Method method = api.getRoot().resourceForPath(route.path())
                        .addMethod(route.method(), integration, methodOptions(route.access(), authorizer));
                if (route.access() == Access.PUBLIC) {
                    suppressPublicRouteFindings(method, route);
                }
            }
        }

        suppressPreflightFindings();
        ApiFirewall firewall = new ApiFirewall(this, "Firewall", api.getDeploymentStage(), requestsPerIp);

        // AWS's GraphQL API: AppSync, each root field resolved by the graphql-resolver function
        for (FunctionSpec spec : FunctionCatalogue.graphqlResolvers()) {
            Code code = Code.fromAsset(artifacts.forModule(spec.module()).toString());
            CatalogueFunction resolver = new CatalogueFunction(this, spec, code, environment, database);
            functions.add(resolver);
            appSync = new AppSyncApi(this, "AppSync", graphqlSchema, userPool, resolver);
            firewall.protect("AppSyncAssociation", appSync.api().getArn());
        }

        CfnOutput.Builder.create(this, "ApiUrl").value(api.getUrl()).build();
        CfnOutput.Builder.create(this, "GraphqlUrl").value(api.urlForPath(Route.GRAPHQL_PATH)).build();
        CfnOutput.Builder.create(this, "AppSyncGraphqlUrl")
                .description("AppSync's GraphQL endpoint (Cognito user pool tokens); POST /graphql is GraphqlUrl")
                .value(appSync.api().getGraphqlUrl()).build();
    }

    public RestApi api() {
        return api;
    }

    /** The deployed functions, for alarms and dashboards. */
    public List<software.amazon.awscdk.services.lambda.Function> lambdas() {
        return functions.stream().map(CatalogueFunction::function).toList();
    }

    private RestApi restApi(String adminOrigin) {
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .build();
        RestApi restApi = RestApi.Builder.create(this, "RestApi")
                // PDF tickets and QR images come back base64 from the functions, as API Gateway expects
                .binaryMediaTypes(List.of("application/pdf", "image/png", "image/svg+xml"))
                .restApiName("turnstile")
                .description("Turnstile public REST API, built from the function catalogue")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // execution logs (APIG6) need API Gateway's account-wide CloudWatch role; it outlives
                // the stack because every REST API in the account and region shares it
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE_NAME)
                        // a ceiling for all callers together (the firewall limits each one);
                        // a ticket drop is bursty, hence the burst twice the rate
                        .throttlingRateLimit(200)
                        .throttlingBurstLimit(400)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                                .caller(false).user(true).ip(true).requestTime(true).httpMethod(true)
                                .resourcePath(true).protocol(true).status(true).responseLength(true)
                                .build()))
                        // errors only: INFO would log request metadata of every call a second time
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .build())
                // preflights: a mock integration on every resource, no function invoked
                .defaultCorsPreflightOptions(CorsOptions.builder()
                        .allowOrigins(List.of(adminOrigin))
                        .allowMethods(BrowserAccess.ALLOWED_METHODS)
                        .allowHeaders(BrowserAccess.ALLOWED_HEADERS)
                        .maxAge(Duration.seconds(BrowserAccess.MAX_AGE_SECONDS))
                        .build())
                .build();
        // API Gateway's own refusals (the authorizer's 401, throttling's 429, a missing route) reach
        // the UI's code only with the origin on them too
        String origin = "'" + adminOrigin + "'";
        restApi.addGatewayResponse("Default4xx", GatewayResponseOptions.builder()
                .type(ResponseType.DEFAULT_4_XX)
                .responseHeaders(Map.of("Access-Control-Allow-Origin", origin, "Vary", "'Origin'"))
                .build());
        restApi.addGatewayResponse("Default5xx", GatewayResponseOptions.builder()
                .type(ResponseType.DEFAULT_5_XX)
                .responseHeaders(Map.of("Access-Control-Allow-Origin", origin, "Vary", "'Origin'"))
                .build());

        NagSuppressions.addResourceSuppressions(restApi, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-APIG2")
                .reason("Requests are validated by the handlers, which answer with RFC 9457 problem+json; "
                        + "the local runtime has no API Gateway validator, so validating here would give "
                        + "the two hosts different error bodies for the same request.")
                .build()));
        NagSuppressions.addResourceSuppressions(restApi.getNode().findChild("CloudWatchRole"), List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason("API Gateway's account-level logging role uses the AWS-managed "
                                + "AmazonAPIGatewayPushToCloudWatchLogs policy, the documented policy for "
                                + "exactly this role; it grants log writes only.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AmazonAPIGatewayPushToCloudWatchLogs"))
                        .build()));
        return restApi;
    }

    private static MethodOptions methodOptions(Access access, CognitoUserPoolsAuthorizer authorizer) {
        return switch (access) {
            case AUTHENTICATED -> MethodOptions.builder()
                    .authorizationType(AuthorizationType.COGNITO)
                    .authorizer(authorizer)
                    .build();
            case PUBLIC -> MethodOptions.builder()
                    .authorizationType(AuthorizationType.NONE)
                    .build();
        };
    }

    /** The OPTIONS methods CORS adds: a preflight never carries credentials, by the Fetch standard. */
    private void suppressPreflightFindings() {
        String reason = "CORS preflight (OPTIONS): browsers send it without credentials by the Fetch standard, "
                + "so it cannot have an authorizer; a mock integration answers with the CORS headers and "
                + "invokes no function.";
        for (Method method : api.getMethods()) {
            if (method.getHttpMethod().equals("OPTIONS")) {
                NagSuppressions.addResourceSuppressions(method, List.of(
                        NagPackSuppression.builder().id("AwsSolutions-APIG4").reason(reason).build(),
                        NagPackSuppression.builder().id("AwsSolutions-COG4").reason(reason).build()));
            }
        }
    }

    private static void suppressPublicRouteFindings(Method method, Route route) {
        String reason = route.key() + " is Access.PUBLIC in the function catalogue: it serves published "
                + "events to anonymous visitors of the public event pages, so it has no authorizer.";
        NagSuppressions.addResourceSuppressions(method, List.of(
                NagPackSuppression.builder().id("AwsSolutions-APIG4").reason(reason).build(),
                NagPackSuppression.builder().id("AwsSolutions-COG4").reason(reason).build()));
    }
}
