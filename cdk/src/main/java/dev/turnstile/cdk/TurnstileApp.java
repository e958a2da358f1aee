package dev.turnstile.cdk;

import java.nio.file.Path;

import dev.turnstile.catalogue.BrowserAccess;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: every stack of Turnstile, wired together. {@code npx cdk synth} in {@code cdk/}
 * runs {@link #main}; template tests call {@link #define} with a placeholder artifact.
 */
public final class TurnstileApp {

    /** Context key: the repository root, relative to {@code cdk/} by default. */
    static final String REPO_ROOT_CONTEXT = "turnstile:repoRoot";
    /** Context key: one file or folder used as every function's code, to synth without a build. */
    static final String LAMBDA_ASSET_CONTEXT = "turnstile:lambdaAsset";
    /**
     * Context key: the admin UI's origin, the one browser origin the API answers (CORS), such as
     * {@code https://admin.example.org}; without it, the web stack's CloudFront domain.
     */
    public static final String ADMIN_ORIGIN_CONTEXT = "turnstile:adminOrigin";
    /** Context key: the firewall's limit of requests per IP per five minutes ({@link ApiFirewall}). */
    public static final String WAF_RATE_LIMIT_CONTEXT = "turnstile:wafRateLimit";

    /**
     * The GraphQL schema, relative to the repository root: AppSync's definition is this file, the
     * same one graphql-java loads from the classpath for POST /graphql.
     */
    public static final String GRAPHQL_SCHEMA = "shared/src/main/resources/graphql/schema.graphql";

    private TurnstileApp() {
    }

    /** The stacks of one deployment, for callers that inspect them. */
    public record Stacks(IdentityStack identity, DataStack data, SecretsStack secrets, AsyncStack async,
                         ApiStack api, SchedulesStack schedules, WorkersStack workers, ObservabilityStack observability,
                         WebStack web, WebSocketStack webSocket, PaymentWorkflowStack paymentWorkflow) {
    }

    public static void main(String[] args) {
        App app = new App();
        define(app, artifactsFrom(app));
        app.synth();
    }

    public static Stacks define(App app, LambdaArtifacts artifacts) {
        // Feature flags live here, not in cdk.json, so the template tests synthesize what
        // `cdk synth` does. Strong references: the identity stack cannot drop an export the API
        // and schedules stacks still import (the user pool's issuer), which is the protection we
        // want between them.
        app.getNode().setContext("@aws-cdk/core:defaultCrossStackReferences", "strong");
        // S3 server access logs are delivered under a bucket policy, not the legacy ACL, so the
        // log bucket can keep ACLs disabled (BucketOwnerEnforced)
        app.getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
        // Unset outside `cdk deploy`: the stacks are then environment-agnostic, which synth and
        // the template tests need and which every construct used here supports.
        StackProps props = StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build();
        IdentityStack identity = new IdentityStack(app, "TurnstileIdentity", props);
        SecretsStack secrets = new SecretsStack(app, "TurnstileSecrets", props);
        DataStack data = new DataStack(app, "TurnstileData", props, artifacts, secrets);
        AsyncStack async = new AsyncStack(app, "TurnstileAsync", props);
        WebStack web = new WebStack(app, "TurnstileWeb", props);
        ApiStack api = new ApiStack(app, "TurnstileApi", props, identity.userPool(), artifacts, data.databaseAccess(),
                adminOrigin(app, web), wafRateLimit(app), graphqlSchema(app));
        SchedulesStack schedules = new SchedulesStack(app, "TurnstileSchedules", props, identity.userPool(), artifacts,
                data.databaseAccess());
        WorkersStack workers = new WorkersStack(app, "TurnstileWorkers", props, identity.userPool(), artifacts,
                data.databaseAccess());
        workers.addDependency(data, "functions go live after the migrations ran");
        workers.addDependency(async, "the queues' rules attach to the bus");
        // the data stack (and in it the migration trigger) completes before any function is updated;
        // the references to the proxy and the VPC imply it, the explicit dependency says it
        api.addDependency(data, "functions go live after the migrations ran");
        schedules.addDependency(data, "functions go live after the migrations ran");
        WebSocketStack webSocket = new WebSocketStack(app, "TurnstileWebSocket", props, identity.userPool(), artifacts,
                data.databaseAccess());
        webSocket.addDependency(data, "functions go live after the migrations ran");
        webSocket.addDependency(async, "the pusher's rule attaches to the bus");
        // the account's API Gateway CloudWatch role, which the stage's execution logs need, comes with the REST API
        webSocket.addDependency(api, "API Gateway's account logging role exists");
        PaymentWorkflowStack paymentWorkflow = new PaymentWorkflowStack(app, "TurnstilePaymentWorkflow", props,
                identity.userPool(), artifacts, data.databaseAccess());
        paymentWorkflow.addDependency(data, "functions go live after the migrations ran");
        // the payments function starts executions of the state machine, named (not referenced) by its ARN
        api.addDependency(paymentWorkflow, "the payment state machine exists before payments start it");
        ObservabilityStack observability = new ObservabilityStack(app, "TurnstileObservability", props, api, schedules,
                workers, webSocket, async, data, paymentWorkflow);
        return new Stacks(identity, data, secrets, async, api, schedules, workers, observability, web, webSocket,
                paymentWorkflow);
    }

    /** The configured admin origin, checked; else the admin UI's own CloudFront domain. */
    private static String adminOrigin(App app, WebStack web) {
        Object configured = app.getNode().tryGetContext(ADMIN_ORIGIN_CONTEXT);
        if (configured == null) {
            return "https://" + web.distribution().getDistributionDomainName();
        }
        try {
            return BrowserAccess.origin(configured.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Context " + ADMIN_ORIGIN_CONTEXT + ": " + e.getMessage(), e);
        }
    }

    private static int wafRateLimit(App app) {
        Object configured = app.getNode().tryGetContext(WAF_RATE_LIMIT_CONTEXT);
        if (configured == null) {
            return ApiFirewall.DEFAULT_REQUESTS_PER_IP;
        }
        if (configured instanceof Number number) { // from cdk.json
            return number.intValue();
        }
        try {
            return Integer.parseInt(configured.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context " + WAF_RATE_LIMIT_CONTEXT + " is a number of requests per IP "
                    + "per 5 minutes, not '" + configured + "'", e);
        }
    }

    private static LambdaArtifacts artifactsFrom(App app) {
        Object asset = app.getNode().tryGetContext(LAMBDA_ASSET_CONTEXT);
        if (asset != null) {
            return LambdaArtifacts.same(Path.of(asset.toString()).toAbsolutePath());
        }
        return LambdaArtifacts.builtIn(repoRoot(app));
    }

    /** {@code cdk synth} runs in {@code cdk/}, the template tests in {@code template-tests/}: both one level down. */
    private static Path repoRoot(App app) {
        Object root = app.getNode().tryGetContext(REPO_ROOT_CONTEXT);
        return Path.of(root == null ? ".." : root.toString()).toAbsolutePath().normalize();
    }

    private static Path graphqlSchema(App app) {
        Path schema = repoRoot(app).resolve(GRAPHQL_SCHEMA);
        if (!java.nio.file.Files.isRegularFile(schema)) {
            throw new IllegalStateException("No GraphQL schema at " + schema + ": set the context " + REPO_ROOT_CONTEXT
                    + " to the repository root");
        }
        return schema;
    }
}
