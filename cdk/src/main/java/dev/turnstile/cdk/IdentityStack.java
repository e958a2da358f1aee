package dev.turnstile.cdk;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.KeepOriginalAttrs;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.constructs.Construct;

/**
 * Identity: the Cognito user pool that issues the bearer tokens every AUTHENTICATED route
 * checks, and the app client the admin UI and scanner page sign in with.
 */
public final class IdentityStack extends Stack {

    private final UserPool userPool;
    private final UserPoolClient webClient;

    public IdentityStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);

        userPool = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(true)
                // the e-mail address is the user name: one account per person, verified before use
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .keepOriginal(KeepOriginalAttrs.builder().email(true).build())
                .standardAttributes(StandardAttributes.builder()
                        .email(StandardAttribute.builder().required(true).mutable(true).build())
                        .build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .passwordHistorySize(5)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .mfa(Mfa.OPTIONAL)
                // TOTP only: SMS would need an SNS role, spend limits and phone numbers we do not collect
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                // Threat protection (formerly "advanced security") needs the Plus plan: it blocks
                // compromised credentials and adapts to risky sign-ins on top of Cognito's own lockout
                // after repeated failed attempts.
                .featurePlan(FeaturePlan.PLUS)
                .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION)
                // the pool holds every user's account: never lose it to a stack deletion
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        webClient = userPool.addClient("WebClient", UserPoolClientOptions.builder()
                // a browser app cannot keep a secret; SRP keeps the password off the wire
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .preventUserExistenceErrors(true)
                // the hosted UI and its callback URLs come with the web stack
                .disableOAuth(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(30))
                .build());

        NagSuppressions.addResourceSuppressions(userPool, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-COG2")
                .reason("MFA is optional (TOTP) rather than required: attendees self-register to buy a "
                        + "ticket, and a mandatory authenticator app at checkout would turn them away. "
                        + "Threat protection in full-function mode covers risky sign-ins.")
                .build()));

        CfnOutput.Builder.create(this, "UserPoolId").value(userPool.getUserPoolId()).build();
        CfnOutput.Builder.create(this, "WebClientId").value(webClient.getUserPoolClientId()).build();
    }

    /** The pool the API's authorizer and the functions' token checks trust. */
    public IUserPool userPool() {
        return userPool;
    }

    public UserPoolClient webClient() {
        return webClient;
    }
}
