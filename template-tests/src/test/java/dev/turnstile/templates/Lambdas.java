package dev.turnstile.templates;

import java.util.Map;
import java.util.stream.Collectors;

import dev.turnstile.catalogue.FunctionSpec;
import software.amazon.awscdk.assertions.Template;

/** Finding the catalogue functions in a template: a function is known by its handler. */
final class Lambdas {

    private Lambdas() {
    }

    static String handlerOf(FunctionSpec spec) {
        return spec.handler() + "::handleRequest";
    }

    /** Function properties by handler. */
    static Map<String, Map<String, Object>> functionsByHandler(Template template) {
        return template.findResources("AWS::Lambda::Function").values().stream().map(Cfn::properties)
                .collect(Collectors.toMap(function -> (String) function.get("Handler"), function -> function));
    }

    /** Handler by the logical id of its {@code AWS::Lambda::Function}. */
    static Map<String, String> handlerByFunctionId(Template template) {
        return template.findResources("AWS::Lambda::Function").entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> (String) Cfn.properties(e.getValue()).get("Handler")));
    }

    /** Handler by the logical id of its function's {@code AWS::Lambda::Alias} (the live alias). */
    static Map<String, String> handlerByAliasId(Template template) {
        Map<String, String> handlerByFunctionId = handlerByFunctionId(template);
        return template.findResources("AWS::Lambda::Alias").entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey,
                e -> handlerByFunctionId.get(Cfn.ref(Cfn.properties(e.getValue()).get("FunctionName")))));
    }

    /** The identity-policy statements attached to the function's execution role. */
    static java.util.List<Map<String, Object>> statementsOfRole(Template template, Map<String, Object> function) {
        String roleId = Cfn.referencedIds(function.get("Role")).findFirst().orElseThrow();
        return template.findResources("AWS::IAM::Policy").values().stream().map(Cfn::properties)
                .filter(policy -> Cfn.asList(policy.get("Roles")).stream().anyMatch(r -> roleId.equals(Cfn.ref(r))))
                .flatMap(policy -> ((java.util.List<?>) Cfn.map(policy.get("PolicyDocument")).get("Statement")).stream())
                .map(Cfn::map)
                .toList();
    }
}
