package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.turnstile.catalogue.Access;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.Route;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The API stack deploys exactly the catalogue's routes ({@link FunctionCatalogue#http()}): every
 * route an API Gateway method with the catalogue's access rule, integrated with its function's
 * live alias. Expected values come from the catalogue, so a route dropped by the CDK code fails
 * here. The functions themselves: {@link CatalogueFunctionsTemplateTest}.
 */
class ApiStackTemplateTest {

    private final Template template = SynthesizedApp.get().api;

    @Test
    void everyCatalogueRouteIsAMethodOnItsPathWithItsAccessRuleIntegratedWithItsFunctionsLiveAlias() {
        List<String> expected = FunctionCatalogue.http().stream()
                .flatMap(spec -> spec.routes().stream().map(route -> describe(route, Lambdas.handlerOf(spec))))
                .toList();

        Map<String, String> handlerByAliasId = Lambdas.handlerByAliasId(template);
        Map<String, Map<String, Object>> resources = template.findResources("AWS::ApiGateway::Resource");
        List<String> deployed = template.findResources("AWS::ApiGateway::Method").values().stream()
                .map(Cfn::properties)
                .filter(method -> !"OPTIONS".equals(method.get("HttpMethod"))) // CORS preflights: CorsTemplateTest
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
    void theGraphqlEndpointIsPostGraphqlBehindTheUserPoolAuthorizer_integratedWithTheGraphqlFunctionOnly() {
        Map<String, String> handlerByAliasId = Lambdas.handlerByAliasId(template);
        Map<String, Map<String, Object>> resources = template.findResources("AWS::ApiGateway::Resource");
        List<Map<String, Object>> graphql = template.findResources("AWS::ApiGateway::Method").values().stream()
                .map(Cfn::properties)
                .filter(method -> pathOf(Cfn.ref(method.get("ResourceId")), resources).equals("/graphql"))
                .filter(method -> !"OPTIONS".equals(method.get("HttpMethod")))
                .toList();

        assertThat(graphql).singleElement().satisfies(method -> {
            assertThat(method).containsEntry("HttpMethod", "POST").containsEntry("AuthorizationType", "COGNITO_USER_POOLS");
            assertThat(Cfn.referencedIds(Cfn.map(method.get("Integration")).get("Uri"))
                    .filter(handlerByAliasId::containsKey).map(handlerByAliasId::get))
                    .containsExactly(Lambdas.handlerOf(FunctionCatalogue.GRAPHQL));
        });
        Map<String, Object> function = Lambdas.functionsByHandler(template).get(Lambdas.handlerOf(FunctionCatalogue.GRAPHQL));
        assertThat(function).containsEntry("Runtime", "java21")
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
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

    private static String describe(Route route, String handler) {
        String authorization = route.access() == Access.AUTHENTICATED ? "COGNITO_USER_POOLS" : "NONE";
        return route.method() + " " + route.path() + " " + authorization + " -> " + handler;
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
