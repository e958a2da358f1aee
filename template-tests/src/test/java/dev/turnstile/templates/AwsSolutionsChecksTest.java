package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions pack finds no error that is not suppressed, and every suppression
 * says why in a sentence (cdk-nag itself only demands ten characters).
 */
class AwsSolutionsChecksTest {

    static Stream<Arguments> stacks() {
        SynthesizedApp app = SynthesizedApp.get();
        return app.all().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    // the assertions library still returns cx-api's deprecated SynthesisMessage
    @SuppressWarnings("deprecation")
    @ParameterizedTest
    @MethodSource("stacks")
    void noUnsuppressedAwsSolutionsErrors(Stack stack, Template ignored) {
        List<SynthesisMessage> errors = Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        assertThat(errors).as(() -> stack.getStackName() + ": " + errors.stream()
                .map(e -> e.getId() + " " + e.getEntry().getData()).toList()).isEmpty();
    }

    /**
     * Proves the pack ran at all (an empty error list alone would not), and keeps the accepted
     * warnings to the one docs/infrastructure.md lists.
     */
    @SuppressWarnings("deprecation")
    @Test
    void theOnlyRemainingFindingIsTheDocumentedCloudFrontWafWarning() {
        SynthesizedApp app = SynthesizedApp.get();
        List<String> warnings = app.all().stream().map(Map.Entry::getKey)
                .flatMap(stack -> Annotations.fromStack(stack)
                        .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                .map(w -> w.getId() + " " + String.valueOf(w.getEntry().getData()).split(":")[0])
                .toList();

        // APIG3 (no web ACL on the REST stage) is gone since ApiFirewall; CFR2 needs a CLOUDFRONT-scope
        // web ACL, which only us-east-1 can hold (docs/infrastructure.md)
        assertThat(warnings).containsExactly("/TurnstileWeb/Distribution/Resource AwsSolutions-CFR2");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everySuppressionGivesASpecificReason(Stack stack, Template template) {
        List<Map<String, Object>> suppressions = template.toJSON().values().stream()
                .filter(Map.class::isInstance).map(Cfn::map)
                .flatMap(section -> section.values().stream())
                .filter(Map.class::isInstance).map(Cfn::map)
                .map(resource -> resource.get("Metadata"))
                .filter(Map.class::isInstance).map(Cfn::map)
                .map(metadata -> metadata.get("cdk_nag"))
                .filter(Map.class::isInstance).map(Cfn::map)
                .flatMap(nag -> ((List<?>) nag.get("rules_to_suppress")).stream()).map(Cfn::map)
                .toList();

        if (!stack.getStackName().equals("TurnstileObservability")) { // alarms and a topic: nothing to excuse
            assertThat(suppressions).as(stack.getStackName()).isNotEmpty();
        }
        assertThat(suppressions).as(stack.getStackName()).allSatisfy(suppression -> {
            assertThat((String) suppression.get("id")).startsWith("AwsSolutions-");
            assertThat((String) suppression.get("reason")).as("reason for %s", suppression.get("id"))
                    .hasSizeGreaterThan(60);
        });
    }
}
