package dev.turnstile.cdk;

import java.nio.file.Path;

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

    private TurnstileApp() {
    }

    /** The stacks of one deployment, for callers that inspect them. */
    public record Stacks(IdentityStack identity, ApiStack api, SchedulesStack schedules) {
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
        // Unset outside `cdk deploy`: the stacks are then environment-agnostic, which synth and
        // the template tests need and which every construct used here supports.
        StackProps props = StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build();
        IdentityStack identity = new IdentityStack(app, "TurnstileIdentity", props);
        ApiStack api = new ApiStack(app, "TurnstileApi", props, identity.userPool(), artifacts);
        SchedulesStack schedules = new SchedulesStack(app, "TurnstileSchedules", props, identity.userPool(), artifacts);
        return new Stacks(identity, api, schedules);
    }

    private static LambdaArtifacts artifactsFrom(App app) {
        Object asset = app.getNode().tryGetContext(LAMBDA_ASSET_CONTEXT);
        if (asset != null) {
            return LambdaArtifacts.same(Path.of(asset.toString()).toAbsolutePath());
        }
        Object root = app.getNode().tryGetContext(REPO_ROOT_CONTEXT);
        return LambdaArtifacts.builtIn(Path.of(root == null ? ".." : root.toString()).toAbsolutePath().normalize());
    }
}
