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
        return Stream.of(
                Arguments.of(app.stacks.identity(), app.identity),
                Arguments.of(app.stacks.api(), app.api),
                Arguments.of(app.stacks.schedules(), app.schedules));
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
     * warnings to the ones docs/infrastructure.md lists.
     */
    @SuppressWarnings("deprecation")
    @Test
    void theOnlyRemainingFindingIsTheDocumentedWafWarning() {
        SynthesizedApp app = SynthesizedApp.get();
        List<String> warnings = Stream.of(app.stacks.identity(), app.stacks.api(), app.stacks.schedules())
                .flatMap(stack -> Annotations.fromStack(stack)
                        .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                .map(w -> w.getId() + " " + String.valueOf(w.getEntry().getData()).split(":")[0])
                .toList();

        assertThat(warnings).containsExactly("/TurnstileApi/RestApi/DeploymentStage.prod/Resource AwsSolutions-APIG3");
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

        assertThat(suppressions).as(stack.getStackName()).isNotEmpty().allSatisfy(suppression -> {
            assertThat((String) suppression.get("id")).startsWith("AwsSolutions-");
            assertThat((String) suppression.get("reason")).as("reason for %s", suppression.get("id"))
                    .hasSizeGreaterThan(60);
        });
    }
}
