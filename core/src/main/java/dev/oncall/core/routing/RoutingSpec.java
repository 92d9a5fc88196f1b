package dev.oncall.core.routing;

import static dev.oncall.core.spec.Nodes.describe;
import static dev.oncall.core.spec.Nodes.eachOf;
import static dev.oncall.core.spec.Nodes.fields;
import static dev.oncall.core.spec.Nodes.isAbsent;
import static dev.oncall.core.spec.Nodes.isObject;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.oncall.core.alert.FieldPath;
import dev.oncall.core.incident.Priority;
import dev.oncall.core.spec.Nodes;
import dev.oncall.core.spec.ScheduleSpec;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.Ids;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routing rules as data: the file format of docs/alerts.md (YAML or JSON), which is also the
 * shape of the GraphQL input and of what the database keeps, so every way in is checked by this
 * one reader. A refused input raises one {@link ValidationException} naming every problem at its
 * path ({@code rules[2].conditions[0].value}).
 */
public final class RoutingSpec {
    private static final Set<String> ROOT_FIELDS = Set.of("rules", "catchAll");
    private static final Set<String> RULE_FIELDS = Set.of("name", "conditions", "actions");
    private static final Set<String> CONDITION_FIELDS = Set.of("field", "operator", "value", "values", "negate");
    private static final Set<String> ACTION_FIELDS = Set.of("routeTo", "urgency", "priority", "suppress", "drop");

    private RoutingSpec() {
    }

    /** Reads a rules file, JSON when its first non-blank character is '{', YAML otherwise. */
    public static RoutingRules parse(String text) {
        return read(Nodes.readTree(text, Nodes.formatOf(text)));
    }

    /** Reads a tree (a parsed file, or GraphQL input turned into one); an absent tree is no rules. */
    public static RoutingRules read(JsonNode root) {
        Problems problems = new Problems();
        if (isAbsent(root)) {
            return RoutingRules.NONE;
        }
        if (!root.isObject()) {
            problems.add("", "routing rules must be a mapping with rules and catchAll, got " + describe(root));
            problems.throwIfAny();
        }
        fields(problems, root, ROOT_FIELDS);
        List<Rule> rules = new ArrayList<>();
        List<String> names = new ArrayList<>();
        eachOf(problems, root, "rules", (p, node) -> {
            Rule rule = rule(p, node);
            rules.add(rule);
            // Named even when refused otherwise, so a repeated name is reported in the same run.
            JsonNode name = node.isObject() ? node.get("name") : null;
            names.add(name != null && name.isString() ? name.stringValue() : null);
        });
        RoutingRules.check(problems, names);
        Actions catchAll = isAbsent(root.get("catchAll")) ? Actions.NONE : actions(problems.at("catchAll"),
                root.get("catchAll"));
        problems.throwIfAny();
        return new RoutingRules(rules, catchAll);
    }

    public static String write(RoutingRules rules, ScheduleSpec.Format format) {
        return Nodes.write(tree(rules, format == ScheduleSpec.Format.JSON ? Nodes.JSON : Nodes.YAML), format);
    }

    /** The compact JSON the database keeps. */
    public static String toJson(RoutingRules rules) {
        return Nodes.JSON.writeValueAsString(tree(rules, Nodes.JSON));
    }

    private static Rule rule(Problems p, JsonNode node) {
        if (!isObject(p, node)) {
            return null;
        }
        int before = p.count();
        fields(p, node, RULE_FIELDS);
        String name = text(p, "name", node.get("name"));
        if (name == null && isAbsent(node.get("name"))) {
            p.add("name", "is required");
        }
        List<Condition> conditions = new ArrayList<>();
        eachOf(p, node, "conditions", (at, c) -> conditions.add(condition(at, c)));
        Rule.check(p, name, conditions.size());
        Actions actions = isAbsent(node.get("actions")) ? null : actions(p.at("actions"), node.get("actions"));
        if (isAbsent(node.get("actions"))) {
            p.add("actions", "is required: say what the rule does (routeTo, urgency, priority, suppress or drop)");
        }
        return p.count() > before ? null : new Rule(name, conditions, actions);
    }

    private static Condition condition(Problems p, JsonNode node) {
        if (!isObject(p, node)) {
            return null;
        }
        int before = p.count();
        fields(p, node, CONDITION_FIELDS);
        String fieldText = text(p, "field", node.get("field"));
        Optional<FieldPath> field = fieldText == null && !isAbsent(node.get("field")) ? Optional.empty()
                : FieldPath.parse(fieldText, p, "field");
        String operatorText = text(p, "operator", node.get("operator"));
        Optional<Operator> operator = Operator.parse(operatorText);
        if (operator.isEmpty() && (operatorText != null || isAbsent(node.get("operator")))) {
            p.add("operator", operatorText == null ? "is required: equals, contains, matches, exists or in"
                    : "must be equals, contains, matches, exists or in, got \"" + Text.shown(operatorText) + "\"");
        }
        boolean negated = bool(p, "negate", node.get("negate"));
        Match match = operator.map(o -> match(p, o, node)).orElse(null);
        return p.count() > before || field.isEmpty() || match == null ? null
                : new Condition(field.get(), match, negated);
    }

    private static Match match(Problems p, Operator operator, JsonNode node) {
        JsonNode value = node.get("value");
        JsonNode values = node.get("values");
        if (operator == Operator.IN) {
            p.check(isAbsent(value), "value", "in takes a list: write values: [a, b]");
            return in(p, values);
        }
        p.check(isAbsent(values), "values", "only in takes a list of values; " + operator.code() + " takes one value");
        if (operator == Operator.EXISTS) {
            p.check(isAbsent(value), "value", "exists takes no value");
            return new Match.Exists();
        }
        String text = text(p, "value", value);
        if (text == null) {
            if (isAbsent(value)) {
                p.add("value", "is required for " + operator.code());
            }
            return null;
        }
        return switch (operator) {
            case EQUALS -> checked(p, text, RoutingLimits.MAX_VALUE) ? new Match.Equals(text) : null;
            case CONTAINS -> checked(p, text, RoutingLimits.MAX_VALUE) && nonEmpty(p, text)
                    ? new Match.Contains(text) : null;
            case MATCHES -> pattern(p, text);
            case EXISTS, IN -> throw new IllegalStateException("handled above");
        };
    }

    private static Match in(Problems p, JsonNode values) {
        if (isAbsent(values) || !values.isArray() || values.isEmpty()) {
            p.add("values", "must be a list of 1 to " + RoutingLimits.MAX_VALUES + " texts, got " + describe(values));
            return null;
        }
        if (values.size() > RoutingLimits.MAX_VALUES) {
            p.add("values", "at most " + RoutingLimits.MAX_VALUES + " values, got " + values.size());
            return null;
        }
        Set<String> set = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < values.size(); i++) {
            String at = "values[" + i + "]";
            String v = text(p, at, values.get(i));
            ok &= v != null && checked(p.at(at), v, RoutingLimits.MAX_VALUE);
            if (v == null && isAbsent(values.get(i))) {
                p.add(at, "must be text, got nothing");
            }
            if (v != null) {
                set.add(v);
            }
        }
        return ok ? new Match.In(set) : null;
    }

    private static Match pattern(Problems p, String text) {
        if (text.length() > RoutingLimits.MAX_PATTERN) {
            p.add("value", "a pattern may be at most " + RoutingLimits.MAX_PATTERN + " characters, got " + text.length());
            return null;
        }
        if (!Text.line(p, "value", text)) {
            return null;
        }
        try {
            Pattern pattern = Pattern.compile(text);
            if (pattern.programSize() > RoutingLimits.MAX_PROGRAM) {
                p.add("value", "the pattern is too complex (" + pattern.programSize() + " instructions, at most "
                        + RoutingLimits.MAX_PROGRAM + "): simplify its repetitions");
                return null;
            }
            return new Match.Matches(pattern);
        } catch (PatternSyntaxException e) {
            p.add("value", "is not an RE2 regular expression: " + e.getDescription());
            return null;
        } catch (RuntimeException e) {
            // RE2/J refuses some patterns (nesting too deep, repetitions too large) with other exceptions.
            p.add("value", "is not an RE2 regular expression this service accepts: "
                    + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
            return null;
        }
    }

    private static Actions actions(Problems p, JsonNode node) {
        if (!isObject(p, node)) {
            return null;
        }
        int before = p.count();
        fields(p, node, ACTION_FIELDS);
        Optional<UUID> routeTo = Optional.empty();
        String routeText = text(p, "routeTo", node.get("routeTo"));
        if (routeText != null) {
            Optional<String> problem = Ids.problem(routeText);
            problem.ifPresent(m -> p.add("routeTo", m));
            routeTo = Ids.parse(routeText);
        }
        Optional<Urgency> urgency = code(p, "urgency", node.get("urgency"), Urgency::parse, "high or low");
        Optional<Priority> priority = code(p, "priority", node.get("priority"), Priority::parse, "P1, P2, P3, P4 or P5");
        boolean suppress = bool(p, "suppress", node.get("suppress"));
        boolean drop = bool(p, "drop", node.get("drop"));
        if (drop && (suppress || routeTo.isPresent() || urgency.isPresent() || priority.isPresent())) {
            p.add("drop", "a dropped alert is not recorded anywhere: drop takes no other action");
        }
        if (suppress && (urgency.isPresent() || priority.isPresent())) {
            p.add("suppress", "a suppressed alert opens no incident: urgency and priority would do nothing");
        }
        return p.count() > before ? null : new Actions(routeTo, urgency, priority, suppress, drop);
    }

    private interface Parser<T> {
        Optional<T> parse(String code);
    }

    private static <T> Optional<T> code(Problems p, String field, JsonNode node, Parser<T> parser, String expected) {
        String text = text(p, field, node);
        if (text == null) {
            return Optional.empty();
        }
        Optional<T> value = parser.parse(text);
        if (value.isEmpty()) {
            p.add(field, "must be " + expected + ", got \"" + Text.shown(text) + "\"");
        }
        return value;
    }

    /** Text, or null (with a problem unless the field is simply absent). */
    private static String text(Problems p, String field, JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        p.add(field, "must be text, got " + describe(node));
        return null;
    }

    private static boolean bool(Problems p, String field, JsonNode node) {
        if (isAbsent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            p.add(field, "must be true or false, got " + describe(node));
            return false;
        }
        return node.booleanValue();
    }

    private static boolean checked(Problems p, String value, int max) {
        if (value.length() > max) {
            p.add("value", "must be at most " + max + " characters, got " + value.length());
            return false;
        }
        return Text.freeText(p, "value", value);
    }

    private static boolean nonEmpty(Problems p, String value) {
        return p.check(!value.isEmpty(), "value", "must not be empty: every value contains the empty text");
    }

    private static ObjectNode tree(RoutingRules rules, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("rules");
        for (Rule rule : rules.rules()) {
            ObjectNode r = list.addObject();
            r.put("name", rule.name());
            ArrayNode conditions = r.putArray("conditions");
            for (Condition c : rule.conditions()) {
                ObjectNode n = conditions.addObject();
                n.put("field", c.field().toString());
                n.put("operator", c.match().operator().code());
                if (c.match().operator() == Operator.IN) {
                    ArrayNode values = n.putArray("values");
                    c.match().values().forEach(values::add);
                } else if (c.match().operator() != Operator.EXISTS) {
                    n.put("value", c.match().values().getFirst());
                }
                if (c.negated()) {
                    n.put("negate", true);
                }
            }
            actions(r.putObject("actions"), rule.actions());
        }
        if (!rules.catchAll().equals(Actions.NONE)) {
            actions(root.putObject("catchAll"), rules.catchAll());
        }
        return root;
    }

    private static void actions(ObjectNode node, Actions a) {
        a.routeTo().ifPresent(id -> node.put("routeTo", id.toString()));
        a.urgency().ifPresent(u -> node.put("urgency", u.code()));
        a.priority().ifPresent(pr -> node.put("priority", pr.code()));
        if (a.suppress()) {
            node.put("suppress", true);
        }
        if (a.drop()) {
            node.put("drop", true);
        }
    }
}
