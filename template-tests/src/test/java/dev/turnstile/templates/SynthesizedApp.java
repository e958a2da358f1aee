package dev.turnstile.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.turnstile.cdk.LambdaArtifacts;
import dev.turnstile.cdk.TurnstileApp;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Template;

/**
 * The Turnstile app, synthesized once per test JVM with the cdk-nag AwsSolutions pack applied
 * (a synth through the jsii runtime takes seconds; every test class reads the same result).
 * The functions' code is a placeholder folder, so no Lambda artifact has to be built first.
 */
final class SynthesizedApp {

    private static SynthesizedApp instance;

    final TurnstileApp.Stacks stacks;
    final Template identity;
    final Template api;
    final Template schedules;
    final Template workers;
    final Template data;
    final Template secrets;
    final Template async;
    final Template observability;
    final Template web;
    final Template paymentWorkflow;
    final Template webSocket;

    private SynthesizedApp() {
        App app = new App();
        stacks = TurnstileApp.define(app, LambdaArtifacts.same(placeholderCode()));
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        identity = Template.fromStack(stacks.identity());
        api = Template.fromStack(stacks.api());
        schedules = Template.fromStack(stacks.schedules());
        workers = Template.fromStack(stacks.workers());
        data = Template.fromStack(stacks.data());
        secrets = Template.fromStack(stacks.secrets());
        async = Template.fromStack(stacks.async());
        observability = Template.fromStack(stacks.observability());
        web = Template.fromStack(stacks.web());
        paymentWorkflow = Template.fromStack(stacks.paymentWorkflow());
        webSocket = Template.fromStack(stacks.webSocket());
    }

    /** Every stack with its template, in deployment order. */
    java.util.List<java.util.Map.Entry<software.amazon.awscdk.Stack, Template>> all() {
        return java.util.List.of(
                java.util.Map.entry(stacks.identity(), identity),
                java.util.Map.entry(stacks.data(), data),
                java.util.Map.entry(stacks.secrets(), secrets),
                java.util.Map.entry(stacks.async(), async),
                java.util.Map.entry(stacks.api(), api),
                java.util.Map.entry(stacks.schedules(), schedules),
                java.util.Map.entry(stacks.workers(), workers),
                java.util.Map.entry(stacks.paymentWorkflow(), paymentWorkflow),
                java.util.Map.entry(stacks.observability(), observability),
                java.util.Map.entry(stacks.web(), web),
                java.util.Map.entry(stacks.webSocket(), webSocket));
    }

    /** The template of the stack that deploys the catalogue function. */
    Template templateOf(dev.turnstile.catalogue.FunctionSpec spec) {
        if (spec.isHttp() || !spec.graphqlFields().isEmpty()) {
            return api;
        }
        if (!spec.schedules().isEmpty()) {
            return schedules;
        }
        if (!spec.workflowTasks().isEmpty()) {
            return paymentWorkflow;
        }
        if (!spec.webSocketRoutes().isEmpty() || !spec.busEvents().isEmpty()) {
            return webSocket;
        }
        return workers;
    }

    /** The templates that hold catalogue functions. */
    java.util.stream.Stream<Template> functionTemplates() {
        return java.util.stream.Stream.of(api, schedules, workers, webSocket, paymentWorkflow);
    }

    static synchronized SynthesizedApp get() {
        if (instance == null) {
            instance = new SynthesizedApp();
        }
        return instance;
    }

    private static Path placeholderCode() {
        try {
            Path dir = Files.createTempDirectory("turnstile-lambda-placeholder");
            Files.writeString(dir.resolve("README.txt"), "placeholder code for template tests\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
