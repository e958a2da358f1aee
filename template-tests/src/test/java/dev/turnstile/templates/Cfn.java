package dev.turnstile.templates;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    /** A value that CloudFormation accepts as a string or a list of strings, as a list. */
    static List<?> asList(Object value) {
        return value instanceof List<?> l ? l : List.of(value);
    }
}
