package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The user pool's security settings: what a sign-up and a sign-in have to get past. */
class IdentityStackTemplateTest {

    private final Template template = SynthesizedApp.get().identity;

    @Test
    void passwordsAreLongAndMixed() {
        template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "Policies", Match.objectLike(Map.of("PasswordPolicy", Match.objectLike(Map.of(
                        "MinimumLength", 12,
                        "RequireLowercase", true,
                        "RequireUppercase", true,
                        "RequireNumbers", true,
                        "RequireSymbols", true)))))));
    }

    @Test
    void mfaIsOptionalWithTotpOnlyAndThreatProtectionIsEnforced() {
        template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "MfaConfiguration", "OPTIONAL",
                "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"),
                "UserPoolTier", "PLUS",
                "UserPoolAddOns", Map.of("AdvancedSecurityMode", "ENFORCED"))));
    }

    @Test
    void peopleSignUpThemselvesWithAVerifiedEmailAddress() {
        template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "AdminCreateUserConfig", Match.objectLike(Map.of("AllowAdminCreateUserOnly", false)),
                "UsernameAttributes", List.of("email"),
                "AutoVerifiedAttributes", List.of("email"))));
    }

    @Test
    void thePoolSurvivesStackDeletion() {
        template.hasResource("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of("DeletionProtection", "ACTIVE")))));
    }

    @Test
    void theWebClientHasNoSecretAndUsesSrp() {
        template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        Map<String, Object> client = Cfn.properties(
                template.findResources("AWS::Cognito::UserPoolClient").values().iterator().next());
        assertThat(client).containsEntry("GenerateSecret", false)
                .containsEntry("PreventUserExistenceErrors", "ENABLED");
        assertThat(Cfn.asList(client.get("ExplicitAuthFlows")).stream().map(Object::toString).toList()).contains("ALLOW_USER_SRP_AUTH")
                .doesNotContain("ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH");
    }
}
