package dev.oncall.acceptance.sweep;

import tools.jackson.databind.JsonNode;

/** A type as introspection describes it: NON_NULL and LIST wrap the named type. */
record TypeRef(String kind, String name, TypeRef ofType) {

    static TypeRef of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return new TypeRef(node.get("kind").asString(), node.get("name").asString(null), of(node.get("ofType")));
    }

    boolean nonNull() {
        return kind.equals("NON_NULL");
    }

    boolean list() {
        return nullable().kind.equals("LIST");
    }

    /** Without its NON_NULL wrapper. */
    TypeRef nullable() {
        return nonNull() ? ofType : this;
    }

    /** The named type inside every wrapper. */
    TypeRef named() {
        return ofType == null ? this : ofType.named();
    }

    /** As written in a GraphQL document, e.g. {@code [ID!]!}. */
    String text() {
        return switch (kind) {
            case "NON_NULL" -> ofType.text() + "!";
            case "LIST" -> "[" + ofType.text() + "]";
            default -> name;
        };
    }
}
