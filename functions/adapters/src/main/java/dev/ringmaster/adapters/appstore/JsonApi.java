package dev.ringmaster.adapters.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** JSON:API request bodies and lookups in response documents, as App Store Connect shapes them. */
final class JsonApi {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonApi() {
    }

    /** {@code {"data":{"type","id"?,"attributes":{}}}}; relationships are added with {@link #relate}. */
    static ObjectNode document(String type, String id) {
        ObjectNode data = NODES.objectNode().put("type", type);
        if (id != null) {
            data.put("id", id);
        }
        ObjectNode doc = NODES.objectNode();
        doc.set("data", data);
        return doc;
    }

    static ObjectNode attributes(ObjectNode document) {
        ObjectNode data = (ObjectNode) document.get("data");
        return data.has("attributes") ? (ObjectNode) data.get("attributes") : data.putObject("attributes");
    }

    /** Adds {@code relationships.name.data = {type, id}}. */
    static ObjectNode relate(ObjectNode document, String name, String type, String id) {
        ObjectNode data = (ObjectNode) document.get("data");
        ObjectNode relationships = data.has("relationships") ? (ObjectNode) data.get("relationships") : data.putObject("relationships");
        relationships.putObject(name).set("data", ref(type, id));
        return document;
    }

    /** A linkage request: {@code {"data":[{"type","id"}]}}. */
    static ObjectNode linkage(String type, String id) {
        ObjectNode doc = NODES.objectNode();
        doc.putArray("data").add(ref(type, id));
        return doc;
    }

    static ObjectNode ref(String type, String id) {
        return NODES.objectNode().put("type", type).put("id", id);
    }

    /** The related resource's id ({@code relationships.name.data.id}), if linked. */
    static Optional<String> related(JsonNode resource, String name) {
        JsonNode id = resource.path("relationships").path(name).path("data").path("id");
        return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    /** The resource of {@code type} and {@code id} in a document's {@code included}. */
    static Optional<JsonNode> included(JsonNode document, String type, String id) {
        for (JsonNode r : document.path("included")) {
            if (type.equals(r.path("type").asText()) && id.equals(r.path("id").asText())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    static String attribute(JsonNode resource, String name) {
        JsonNode v = resource.path("attributes").path(name);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }
}
