package dev.turnstile.templates;

import static dev.turnstile.templates.Lambdas.handlerOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Resource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The provider secrets and the payment workflow reach exactly the functions whose catalogue entry
 * names them: those get the variables {@code PaymentConfiguration} and {@code Services} read, and
 * {@code secretsmanager:GetSecretValue} on the Stripe and PayPal secrets (nothing more of Secrets
 * Manager, not the webhook-signing key), or {@code states:StartExecution} on the payment state
 * machine; every other function gets neither variable nor action.
 */
class PaymentSecretsTemplateTest {

    private final SynthesizedApp app = SynthesizedApp.get();

    @Test
    void thePaymentFunctionsAndOnlyTheyUseTheProviderSecrets() {
        assertThat(FunctionCatalogue.all().stream().filter(f -> f.uses(Resource.PAYMENT_SECRETS)).map(FunctionSpec::name))
                .containsExactlyInAnyOrder("payments", "payment-webhooks", "payment-follow-ups", "payment-steps");
        assertThat(FunctionCatalogue.all().stream().filter(f -> f.uses(Resource.PAYMENT_WORKFLOW)).map(FunctionSpec::name))
                .containsExactly("payments");
    }

    @Test
    void exactlyTheFunctionsThatNameThemGetTheSecretsArnsAndMayReadThoseTwoSecrets() {
        for (FunctionSpec spec : FunctionCatalogue.all()) {
            Template template = app.templateOf(spec);
            Map<String, Object> function = Lambdas.functionsByHandler(template).get(handlerOf(spec));
            Map<String, Object> variables = Cfn.map(Cfn.map(function.get("Environment")).get("Variables"));
            List<Map<String, Object>> reads = Lambdas.statementsOfRole(template, function).stream()
                    .filter(st -> "PaymentProviderSecrets".equals(st.get("Sid"))).toList();

            if (spec.uses(Resource.PAYMENT_SECRETS)) {
                // the secrets' ARNs, imported from the secrets stack: never a value
                assertThat(Cfn.text(variables.get("TURNSTILE_STRIPE_SECRET_ARN"))).as(spec.name())
                        .startsWith("${import:TurnstileSecrets:").contains("Stripe");
                assertThat(Cfn.text(variables.get("TURNSTILE_PAYPAL_SECRET_ARN"))).as(spec.name())
                        .startsWith("${import:TurnstileSecrets:").contains("PayPal");
                assertThat(reads).as(spec.name()).singleElement().satisfies(statement -> {
                    assertThat(Cfn.asList(statement.get("Action"))).isEqualTo(List.of("secretsmanager:GetSecretValue"));
                    List<String> resources = Cfn.asList(statement.get("Resource")).stream().map(Cfn::text).toList();
                    assertThat(resources).hasSize(2).noneMatch(r -> r.contains("*"))
                            .anyMatch(r -> r.contains("Stripe")).anyMatch(r -> r.contains("PayPal"))
                            .noneMatch(r -> r.contains("WebhookSigning"));
                });
            } else {
                assertThat(variables).as(spec.name())
                        .doesNotContainKeys("TURNSTILE_STRIPE_SECRET_ARN", "TURNSTILE_PAYPAL_SECRET_ARN");
                assertThat(reads).as(spec.name()).isEmpty();
            }
            // whoever reads secrets reads values by ARN: no listing, no describing, no writing
            assertThat(Lambdas.statementsOfRole(template, function).stream()
                    .flatMap(st -> Cfn.asList(st.get("Action")).stream()).map(Object::toString)
                    .filter(action -> action.startsWith("secretsmanager:")).distinct())
                    .as(spec.name()).isSubsetOf(Set.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"));
        }
    }

    @Test
    void onlyThePaymentsFunctionMayStartThePaymentWorkflow_andOnlyThatStateMachine() {
        for (FunctionSpec spec : FunctionCatalogue.all()) {
            Template template = app.templateOf(spec);
            Map<String, Object> function = Lambdas.functionsByHandler(template).get(handlerOf(spec));
            Map<String, Object> variables = Cfn.map(Cfn.map(function.get("Environment")).get("Variables"));
            List<Map<String, Object>> starts = Lambdas.statementsOfRole(template, function).stream()
                    .filter(st -> Cfn.asList(st.get("Action")).stream().anyMatch(a -> a.toString().startsWith("states:")))
                    .toList();
            if (spec.uses(Resource.PAYMENT_WORKFLOW)) {
                String arn = Cfn.text(variables.get("TURNSTILE_PAYMENT_WORKFLOW_ARN"));
                assertThat(arn).as(spec.name()).endsWith(":stateMachine:turnstile-payment");
                assertThat(starts).as(spec.name()).singleElement().satisfies(statement -> {
                    assertThat(Cfn.asList(statement.get("Action"))).isEqualTo(List.of("states:StartExecution"));
                    assertThat(Cfn.text(statement.get("Resource"))).isEqualTo(arn);
                });
            } else {
                assertThat(variables).as(spec.name()).doesNotContainKey("TURNSTILE_PAYMENT_WORKFLOW_ARN");
                assertThat(starts).as(spec.name()).isEmpty();
            }
        }
    }
}
