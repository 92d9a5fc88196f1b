package dev.oncall.helm;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A position in a parsed manifest, navigated by dotted paths ({@code spec.template.spec}).
 * A path that leads nowhere gives a missing node rather than an exception, so assertions can
 * say what was expected.
 */
record Node(Object value) {

  static final Node MISSING = new Node(null);

  /** The node at a dotted path of map keys below this one. */
  Node at(String dottedPath) {
    Node node = this;
    for (String key : dottedPath.split("\\.")) {
      node = node.value instanceof Map<?, ?> map ? new Node(map.get(key)) : MISSING;
    }
    return node;
  }

  boolean isPresent() {
    return value != null;
  }

  List<Node> list() {
    return value instanceof List<?> items ? items.stream().map(Node::new).toList() : List.of();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map() {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  String string() {
    return value == null ? null : Objects.toString(value);
  }

  int integer() {
    if (value instanceof Number number) {
      return number.intValue();
    }
    throw new AssertionError("expected a number but found " + value);
  }

  boolean bool() {
    return Boolean.TRUE.equals(value);
  }
}
