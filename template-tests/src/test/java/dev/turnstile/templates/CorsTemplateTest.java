package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.turnstile.catalogue.BrowserAccess;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.cdk.LambdaArtifacts;
import dev.turnstile.cdk.TurnstileApp;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * CORS on the REST API (the GraphQL endpoint included) for exactly one origin, the admin UI's:
 * its CloudFront domain from the web stack by default, the {@code turnstile:adminOrigin} context
 * when set. The same origin is in the preflight of every resource, on API Gateway's own error
 * answers, and in every HTTP function's environment (the functions put it on their answers).
 */
class CorsTemplateTest {

    private static final String PREFLIGHT_HEADER = "method.response.header.";

    @Test
    void byDefault_theOriginIsTheAdminUisCloudFrontDomain_fromTheWebStack() {
        SynthesizedApp app = SynthesizedApp.get();
        String origin = "https://${import:" + exportOfDistributionDomain(app.web) + "}";

        assertThat(preflightOrigins(app.api)).containsOnly(origin);
        assertThat(gatewayResponseOrigins(app.api)).containsOnly(origin);
        assertThat(functionOrigins(app.api)).containsOnly(origin);
    }

    @Test
    void everyResourceWithARouteAnswersThePreflight_withoutAFunctionOrAnAuthorizer_andTheCatalogueHeaders() {
        Template api = SynthesizedApp.get().api;
        Map<String, List<Map<String, Object>>> methodsByResource = api.findResources("AWS::ApiGateway::Method").values()
                .stream().map(Cfn::properties)
                .filter(method -> method.get("ResourceId") instanceof Map<?, ?> id && id.containsKey("Ref"))
                .collect(Collectors.groupingBy(method -> Cfn.ref(method.get("ResourceId"))));

        methodsByResource.forEach((resource, methods) -> {
            if (methods.stream().allMatch(m -> "OPTIONS".equals(m.get("HttpMethod")))) {
                return; // a path segment with no route of its own, such as /v1
            }
            Map<String, Object> preflight = methods.stream().filter(m -> "OPTIONS".equals(m.get("HttpMethod")))
                    .findFirst().orElseThrow(() -> new AssertionError(resource + " has routes but no preflight"));
            assertThat(preflight).containsEntry("AuthorizationType", "NONE");
            Map<String, Object> integration = Cfn.map(preflight.get("Integration"));
            assertThat(integration).containsEntry("Type", "MOCK");
            Map<String, Object> headers = preflightHeaders(preflight);
            assertThat(headers.get("Access-Control-Allow-Methods"))
                    .isEqualTo("'" + String.join(",", BrowserAccess.ALLOWED_METHODS) + "'");
            assertThat(headers.get("Access-Control-Allow-Headers"))
                    .isEqualTo("'" + String.join(",", BrowserAccess.ALLOWED_HEADERS) + "'");
            assertThat(headers.get("Access-Control-Max-Age")).isEqualTo("'" + BrowserAccess.MAX_AGE_SECONDS + "'");
            assertThat(headers.get("Vary")).isEqualTo("'Origin'");
            assertThat(headers).doesNotContainKey("Access-Control-Allow-Credentials");
        });
        assertThat(methodsByResource).isNotEmpty();
    }

    @Test
    void givenAnAdminOriginInTheContext_thenExactlyThatOriginEverywhere_andNoImportOfTheCloudFrontDomain() throws Exception {
        App app = new App();
        app.getNode().setContext(TurnstileApp.ADMIN_ORIGIN_CONTEXT, "https://Admin.Example.org");
        Template api = Template.fromStack(TurnstileApp.define(app, placeholder()).api());

        assertThat(preflightOrigins(api)).containsOnly("https://admin.example.org");
        assertThat(gatewayResponseOrigins(api)).containsOnly("https://admin.example.org");
        assertThat(functionOrigins(api)).containsOnly("https://admin.example.org");
        assertThat(api.toJSON().toString()).doesNotContain("DomainName");
    }

    @Test
    void givenAWildcardOrAnHttpOriginInTheContext_thenTheSynthFailsNamingTheContextKey() throws Exception {
        for (String bad : List.of("*", "http://admin.example.org", "https://admin.example.org/app")) {
            App app = new App();
            app.getNode().setContext(TurnstileApp.ADMIN_ORIGIN_CONTEXT, bad);
            assertThatThrownBy(() -> TurnstileApp.define(app, placeholder())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TurnstileApp.ADMIN_ORIGIN_CONTEXT);
        }
    }

    /** The origin each preflight allows, as text with its quotes taken off. */
    private static Set<String> preflightOrigins(Template api) {
        return api.findResources("AWS::ApiGateway::Method").values().stream().map(Cfn::properties)
                .filter(method -> "OPTIONS".equals(method.get("HttpMethod")))
                .map(method -> unquoted(preflightHeaders(method).get("Access-Control-Allow-Origin")))
                .collect(Collectors.toSet());
    }

    private static Set<String> gatewayResponseOrigins(Template api) {
        Map<String, Map<String, Object>> responses = api.findResources("AWS::ApiGateway::GatewayResponse");
        assertThat(responses.values().stream().map(r -> Cfn.properties(r).get("ResponseType")))
                .containsExactlyInAnyOrder("DEFAULT_4XX", "DEFAULT_5XX");
        return responses.values().stream().map(Cfn::properties)
                .map(r -> unquoted(Cfn.map(r.get("ResponseParameters")).get("gatewayresponse.header.Access-Control-Allow-Origin")))
                .collect(Collectors.toSet());
    }

    /** TURNSTILE_ADMIN_ORIGIN of every HTTP catalogue function. */
    private static Set<String> functionOrigins(Template api) {
        Map<String, Map<String, Object>> functions = Lambdas.functionsByHandler(api);
        return FunctionCatalogue.http().stream()
                .map(spec -> Cfn.map(Cfn.map(functions.get(Lambdas.handlerOf(spec)).get("Environment")).get("Variables")))
                .map(variables -> Cfn.text(variables.get(BrowserAccess.ORIGIN_VARIABLE)))
                .collect(Collectors.toSet());
    }

    private static Map<String, Object> preflightHeaders(Map<String, Object> method) {
        Map<String, Object> response = Cfn.map(((List<?>) Cfn.map(method.get("Integration")).get("IntegrationResponses")).get(0));
        return Cfn.map(response.get("ResponseParameters")).entrySet().stream()
                .filter(e -> e.getKey().startsWith(PREFLIGHT_HEADER))
                .collect(Collectors.toMap(e -> e.getKey().substring(PREFLIGHT_HEADER.length()),
                        e -> e.getValue() instanceof String text ? text : Cfn.text(e.getValue())));
    }

    private static String unquoted(Object value) {
        String text = Cfn.text(value);
        assertThat(text).as("a static header value is quoted").startsWith("'").endsWith("'");
        return text.substring(1, text.length() - 1);
    }

    /** The web stack's export of its distribution's domain name, which the API stack imports. */
    private static String exportOfDistributionDomain(Template web) {
        return web.findOutputs("*").values().stream()
                .filter(output -> output.get("Value") instanceof Map<?, ?> value
                        && value.get("Fn::GetAtt") instanceof List<?> attribute
                        && "DomainName".equals(attribute.get(1))
                        && web.findResources("AWS::CloudFront::Distribution").containsKey((String) attribute.get(0)))
                .map(output -> (String) Cfn.map(output.get("Export")).get("Name"))
                .findFirst().orElseThrow(() -> new AssertionError("the web stack exports no distribution domain"));
    }

    private static LambdaArtifacts placeholder() throws java.io.IOException {
        var dir = Files.createTempDirectory("turnstile-lambda-placeholder");
        Files.writeString(dir.resolve("README.txt"), "placeholder\n");
        return LambdaArtifacts.same(dir);
    }
}
