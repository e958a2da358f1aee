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

    private SynthesizedApp() {
        App app = new App();
        stacks = TurnstileApp.define(app, LambdaArtifacts.same(placeholderCode()));
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        identity = Template.fromStack(stacks.identity());
        api = Template.fromStack(stacks.api());
        schedules = Template.fromStack(stacks.schedules());
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
