package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.turnstile.catalogue.Access;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Route;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The API stack deploys exactly the function catalogue: every function as a SnapStart Lambda
 * behind a live alias, every route as an API Gateway method with the catalogue's access rule.
 * Expected values come from the catalogue, so a route or function dropped by the CDK code fails here.
 */
class ApiStackTemplateTest {

    private final Template template = SynthesizedApp.get().api;

    @Test
    void everyCatalogueFunctionIsOneJava21LambdaWithSnapStartOnPublishedVersions() {
        Map<String, Map<String, Object>> byHandler = functionsByHandler();

        assertThat(byHandler.keySet()).containsExactlyInAnyOrderElementsOf(
                FunctionCatalogue.all().stream().map(ApiStackTemplateTest::handlerOf).toList());
        for (FunctionSpec spec : FunctionCatalogue.all()) {
            Map<String, Object> function = byHandler.get(handlerOf(spec));
            assertThat(function).as(spec.name())
                    .containsEntry("Runtime", "java21")
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                    .containsEntry("Architectures", List.of("arm64"))
                    .containsEntry("TracingConfig", Map.of("Mode", "Active"));
            assertThat(((Number) function.get("MemorySize")).intValue()).as(spec.name()).isEqualTo(spec.memoryMb());
            assertThat(((Number) function.get("Timeout")).intValue()).as(spec.name()).isEqualTo(15);
            assertThat(Cfn.map(Cfn.map(function.get("Environment")).get("Variables"))).as(spec.name())
                    .containsKeys("TURNSTILE_JWKS_URL", "TURNSTILE_JWT_ISSUER")
                    .containsEntry("POWERTOOLS_SERVICE_NAME", "turnstile-" + spec.name());
        }
        template.resourceCountIs("AWS::Lambda::Function", FunctionCatalogue.all().size());
    }

    @Test
    void everyFunctionHasALiveAliasOnAPublishedVersion() {
        Map<String, String> handlerByFunctionId = handlerByLogicalId();
        Map<String, Map<String, Object>> aliases = template.findResources("AWS::Lambda::Alias");
        Map<String, Map<String, Object>> versions = template.findResources("AWS::Lambda::Version");

        List<String> aliasedHandlers = aliases.values().stream().map(Cfn::properties)
                .peek(alias -> assertThat(alias).containsEntry("Name", "live"))
                .peek(alias -> assertThat(Cfn.referencedIds(alias.get("FunctionVersion")).toList())
                        .isNotEmpty().allMatch(versions::containsKey))
                .map(alias -> handlerByFunctionId.get(Cfn.ref(alias.get("FunctionName"))))
                .toList();

        assertThat(aliasedHandlers).containsExactlyInAnyOrderElementsOf(
                FunctionCatalogue.all().stream().map(ApiStackTemplateTest::handlerOf).toList());
    }

    @Test
    void everyCatalogueRouteIsAMethodOnItsPathWithItsAccessRuleIntegratedWithItsFunctionsLiveAlias() {
        List<String> expected = FunctionCatalogue.all().stream()
                .flatMap(spec -> spec.routes().stream().map(route -> describe(route, handlerOf(spec))))
                .toList();

        Map<String, String> handlerByAliasId = handlerByAliasId();
        Map<String, Map<String, Object>> resources = template.findResources("AWS::ApiGateway::Resource");
        List<String> deployed = template.findResources("AWS::ApiGateway::Method").values().stream()
                .map(Cfn::properties)
                .map(method -> {
                    Map<String, Object> integration = Cfn.map(method.get("Integration"));
                    assertThat(integration).containsEntry("Type", "AWS_PROXY");
                    String handler = Cfn.referencedIds(integration.get("Uri"))
                            .filter(handlerByAliasId::containsKey).map(handlerByAliasId::get)
                            .findFirst().orElse("<not a live alias>");
                    return method.get("HttpMethod") + " " + pathOf(Cfn.ref(method.get("ResourceId")), resources)
                            + " " + method.get("AuthorizationType") + " -> " + handler;
                })
                .toList();

        assertThat(deployed).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void authenticatedMethodsUseTheUserPoolAuthorizerAndPublicOnesNone() {
        template.resourceCountIs("AWS::ApiGateway::Authorizer", 1);
        template.hasResourceProperties("AWS::ApiGateway::Authorizer", Map.of(
                "Type", "COGNITO_USER_POOLS",
                "IdentitySource", "method.request.header.Authorization",
                "ProviderARNs", Match.anyValue()));
        String authorizerId = template.findResources("AWS::ApiGateway::Authorizer").keySet().iterator().next();

        template.findResources("AWS::ApiGateway::Method").values().stream().map(Cfn::properties)
                .forEach(method -> {
                    if ("COGNITO_USER_POOLS".equals(method.get("AuthorizationType"))) {
                        assertThat(method).containsEntry("AuthorizerId", Map.of("Ref", authorizerId));
                    } else {
                        assertThat(method).containsEntry("AuthorizationType", "NONE").doesNotContainKey("AuthorizerId");
                    }
                });
    }

    @Test
    void theProdStageIsThrottledAndWritesAccessLogs() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "StageName", "prod",
                "TracingEnabled", true,
                "AccessLogSetting", Match.objectLike(Map.of("DestinationArn", Match.anyValue())),
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "HttpMethod", "*",
                        "ResourcePath", "/*",
                        "ThrottlingRateLimit", Match.anyValue(),
                        "ThrottlingBurstLimit", Match.anyValue(),
                        "LoggingLevel", "ERROR")))))));
    }

    @Test
    void noIamPolicyGrantsEveryAction() {
        List<Object> statements = template.findResources("AWS::IAM::Policy").values().stream()
                .map(Cfn::properties)
                .flatMap(policy -> ((List<?>) Cfn.map(policy.get("PolicyDocument")).get("Statement")).stream())
                .collect(Collectors.toList());
        template.findResources("AWS::IAM::Role").values().stream().map(Cfn::properties)
                .flatMap(role -> ((List<?>) role.getOrDefault("Policies", List.of())).stream())
                .flatMap(policy -> ((List<?>) Cfn.map(Cfn.map(policy).get("PolicyDocument")).get("Statement")).stream())
                .forEach(statements::add);

        assertThat(statements).isNotEmpty();
        assertThat(statements).allSatisfy(statement ->
                assertThat(Cfn.asList(Cfn.map(statement).get("Action")))
                        .as("actions of %s", statement)
                        .noneMatch(action -> "*".equals(action) || action.toString().endsWith(":*")));
    }

    private static String handlerOf(FunctionSpec spec) {
        return spec.handler() + "::handleRequest";
    }

    private static String describe(Route route, String handler) {
        String authorization = route.access() == Access.AUTHENTICATED ? "COGNITO_USER_POOLS" : "NONE";
        return route.method() + " " + route.path() + " " + authorization + " -> " + handler;
    }

    private Map<String, Map<String, Object>> functionsByHandler() {
        Map<String, Map<String, Object>> byHandler = new HashMap<>();
        template.findResources("AWS::Lambda::Function").values().stream().map(Cfn::properties)
                .forEach(function -> byHandler.put((String) function.get("Handler"), function));
        return byHandler;
    }

    private Map<String, String> handlerByLogicalId() {
        return template.findResources("AWS::Lambda::Function").entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> (String) Cfn.properties(e.getValue()).get("Handler")));
    }

    private Map<String, String> handlerByAliasId() {
        Map<String, String> handlerByFunctionId = handlerByLogicalId();
        return template.findResources("AWS::Lambda::Alias").entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey,
                e -> handlerByFunctionId.get(Cfn.ref(Cfn.properties(e.getValue()).get("FunctionName")))));
    }

    /** The full path of an API Gateway resource, from its chain of PathParts up to the root. */
    private String pathOf(String resourceId, Map<String, Map<String, Object>> resources) {
        StringBuilder path = new StringBuilder();
        String id = resourceId;
        while (resources.containsKey(id)) {
            Map<String, Object> resource = Cfn.properties(resources.get(id));
            path.insert(0, "/" + resource.get("PathPart"));
            Map<String, Object> parent = Cfn.map(resource.get("ParentId"));
            id = parent.containsKey("Ref") ? (String) parent.get("Ref") : null; // GetAtt RootResourceId ends it
        }
        return path.toString();
    }
}
