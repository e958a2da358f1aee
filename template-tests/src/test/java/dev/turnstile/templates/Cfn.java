package dev.turnstile.templates;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import software.amazon.awscdk.assertions.Template;

/** Reading synthesized CloudFormation as the plain maps and lists the assertions library returns. */
final class Cfn {

    private Cfn() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** Every logical id named by a {@code Ref} or {@code Fn::GetAtt} anywhere inside {@code value}. */
    static Stream<String> referencedIds(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.get("Ref") instanceof String id) {
                return Stream.of(id);
            }
            if (m.get("Fn::GetAtt") instanceof List<?> att) {
                return Stream.of((String) att.getFirst());
            }
            return m.values().stream().flatMap(Cfn::referencedIds);
        }
        if (value instanceof List<?> l) {
            return l.stream().flatMap(Cfn::referencedIds);
        }
        return Stream.empty();
    }

    /** The logical id a {@code {"Ref": id}} points to. */
    static String ref(Object value) {
        return (String) map(value).get("Ref");
    }

    /**
     * Every statement of every identity-based policy in the template: {@code AWS::IAM::Policy}
     * documents and the inline policies of {@code AWS::IAM::Role}s.
     */
    static List<Map<String, Object>> identityPolicyStatements(Template template) {
        Stream<Object> standalone = template.findResources("AWS::IAM::Policy").values().stream()
                .map(Cfn::properties)
                .flatMap(policy -> ((List<?>) map(policy.get("PolicyDocument")).get("Statement")).stream());
        Stream<Object> inline = template.findResources("AWS::IAM::Role").values().stream().map(Cfn::properties)
                .flatMap(role -> ((List<?>) role.getOrDefault("Policies", List.of())).stream())
                .flatMap(policy -> ((List<?>) map(map(policy).get("PolicyDocument")).get("Statement")).stream());
        return Stream.concat(standalone, inline).map(Cfn::map).collect(Collectors.toList());
    }

    /**
     * A CloudFormation value as text: literals as they are, {@code Fn::Join} joined, any other
     * intrinsic (a {@code Ref}, a {@code Fn::GetAtt}) as {@code ${logical ids}}, an import from another
     * stack as {@code ${import:export name}}. Enough to see whether an ARN the template builds contains a
     * wildcard, and what it names.
     */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> m && m.get("Fn::ImportValue") instanceof String export) {
            return "${import:" + export + "}";
        }
        if (value instanceof Map<?, ?> m && m.get("Fn::Join") instanceof List<?> join) {
            return ((List<?>) join.get(1)).stream().map(Cfn::text)
                    .collect(Collectors.joining((String) join.get(0)));
        }
        return "${" + referencedIds(value).collect(Collectors.joining(",")) + "}";
    }

    /** A value that CloudFormation accepts as a string or a list of strings, as a list. */
    static List<?> asList(Object value) {
        return value instanceof List<?> l ? l : List.of(value);
    }
}
