package dev.ringmaster.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The IAM policies of a synthesized template, read as the tests need them: by role, by action, by resource. */
final class Policies {
    private final Map<String, Object> template;

    Policies(Map<String, Object> template) {
        this.template = template;
    }

    /** Policies by logical id. */
    @SuppressWarnings("unchecked")
    Map<String, Object> all() {
        Map<String, Object> all = new TreeMap<>();
        ((Map<String, Object>) template.get("Resources")).forEach((id, r) -> {
            Map<String, Object> m = (Map<String, Object>) r;
            if ("AWS::IAM::Policy".equals(m.get("Type"))) {
                all.put(id, m.get("Properties"));
            }
        });
        return all;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Object properties) {
        Map<String, Object> doc = (Map<String, Object>) ((Map<String, Object>) properties).get("PolicyDocument");
        return (List<Map<String, Object>>) doc.get("Statement");
    }

    static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : o == null ? List.of() : List.of(o);
    }

    /** The statements of the policies attached to the role whose logical id starts with {@code prefix}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> of(String prefix) {
        List<Map<String, Object>> mine = new ArrayList<>();
        all().forEach((id, p) -> {
            boolean attached = list(((Map<String, Object>) p).get("Roles")).stream().anyMatch(r -> r instanceof Map<?, ?> ref
                    && ref.get("Ref") != null && ref.get("Ref").toString().startsWith(prefix));
            if (attached) {
                mine.addAll(statements(p));
            }
        });
        return mine;
    }

    /** The actions the role whose logical id starts with {@code prefix} is allowed. */
    List<String> allowed(String prefix) {
        List<String> actions = new ArrayList<>();
        of(prefix).forEach(st -> list(st.get("Action")).forEach(a -> actions.add(a.toString())));
        return actions;
    }

    /** The resources the role may {@code action} on, each {@link #flat}. */
    List<String> resources(String prefix, String action) {
        List<String> resources = new ArrayList<>();
        of(prefix).stream().filter(st -> list(st.get("Action")).contains(action))
                .forEach(st -> list(st.get("Resource")).forEach(r -> resources.add(flat(r))));
        return resources;
    }

    /** An ARN as a string: {@code Fn::Join} joined, a {@code Ref} as {@code ${Name}}, anything else as the template has it. */
    @SuppressWarnings("unchecked")
    static String flat(Object value) {
        if (value instanceof Map<?, ?> m && m.get("Fn::Join") instanceof List<?> join) {
            StringBuilder b = new StringBuilder();
            ((List<Object>) join.get(1)).forEach(part -> b.append(flat(part)));
            return b.toString();
        }
        if (value instanceof Map<?, ?> m && m.get("Ref") != null) {
            return "${" + m.get("Ref") + "}";
        }
        return value.toString();
    }

    /** Every {@code *} action, and every {@code *} resource with the actions it is for. */
    List<String> wildcards() {
        List<String> wildcards = new ArrayList<>();
        all().forEach((id, p) -> {
            for (Map<String, Object> st : statements(p)) {
                for (Object action : list(st.get("Action"))) {
                    if (action.toString().contains("*")) {
                        wildcards.add(id + " action " + action);
                    }
                }
                for (Object resource : list(st.get("Resource"))) {
                    if ("*".equals(resource)) {
                        wildcards.add(id + " resource * for " + st.get("Action"));
                    }
                }
            }
        });
        return wildcards;
    }
}
