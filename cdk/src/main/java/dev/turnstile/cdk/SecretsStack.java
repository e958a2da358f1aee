package dev.turnstile.cdk;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The third-party credentials: Stripe, PayPal, and our own webhook signing key. Created with
 * random placeholder values (never a real value in code or in a template); an operator puts the
 * real ones in (docs/operations.md). The JSON keys are the ones {@code PaymentConfiguration} reads
 * (Stripe: {@code secretKey}, {@code webhookSecret}; PayPal: {@code clientId}, {@code clientSecret},
 * {@code webhookId}). The functions whose catalogue entry names {@code Resource.PAYMENT_SECRETS}
 * may read the Stripe and PayPal ones ({@code DataStack.DatabaseAccess#grantResources}); nobody reads
 * the webhook-signing key yet.
 */
public final class SecretsStack extends Stack {

    private final Secret stripe;
    private final Secret payPal;
    private final Secret webhookSigning;

    public SecretsStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);

        stripe = secret("Stripe", "turnstile/stripe", "Stripe API key and webhook endpoint secret",
                "{\"secretKey\":\"placeholder\"}", "webhookSecret",
                "Stripe keys are issued and rolled in the Stripe dashboard; Secrets Manager cannot "
                        + "create a new one. The roll procedure is in docs/operations.md.");
        payPal = secret("PayPal", "turnstile/paypal", "PayPal REST client id, secret and webhook id",
                "{\"clientId\":\"placeholder\",\"webhookId\":\"placeholder\"}", "clientSecret",
                "PayPal client secrets are issued in the PayPal developer dashboard; Secrets Manager "
                        + "cannot create one. The roll procedure is in docs/operations.md.");
        webhookSigning = secret("WebhookSigning", "turnstile/webhook-signing",
                "Key that signs Turnstile's outbound webhooks", "{}", "signingKey",
                "Receivers verify our webhooks with this key; rotating it needs a period in which "
                        + "both keys sign, which the webhooks issue will build. Until then it is rolled by hand "
                        + "as docs/operations.md says.");
    }

    private Secret secret(String id, String name, String description, String template, String generatedKey,
                          String rotationReason) {
        Secret secret = Secret.Builder.create(this, id)
                .secretName(name)
                .description(description + " (placeholder until an operator sets it)")
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate(template)
                        .generateStringKey(generatedKey)
                        .passwordLength(48)
                        .excludePunctuation(true)
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(secret, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SMG4").reason(rotationReason).build()));
        CfnOutput.Builder.create(this, id + "SecretArn")
                .value(secret.getSecretArn())
                .exportName("Turnstile-" + id + "-SecretArn")
                .build();
        return secret;
    }

    public Secret stripe() {
        return stripe;
    }

    public Secret payPal() {
        return payPal;
    }

    public Secret webhookSigning() {
        return webhookSigning;
    }

    public List<Secret> all() {
        return List.of(stripe, payPal, webhookSigning);
    }
}
