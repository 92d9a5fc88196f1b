package dev.oncall.api.auth;

import dev.oncall.api.http.BufferedBody;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one GraphQL request anyone may send without a token: a query reading only
 * {@code serverInfo { signIn { … } }} (and {@code __typename}), which tells a sign-in page how
 * it may sign in. Everything else on {@code /graphql} still needs a token and answers 401 without
 * one. The document is checked as written, with no fragments, so no spread or alias can reach
 * another field; {@code serverInfo}'s other fields (region, version) stay behind the token.
 */
final class PublicQuery implements RequestMatcher {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ROOT = Set.of("serverInfo", "__typename");
    private static final Set<String> SERVER_INFO = Set.of("signIn", "__typename");

    private final String path;

    PublicQuery(String path) {
        this.path = path;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !path.equals(request.getRequestURI())
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        // GraphQlBodyFilter buffered (and checked the shape of) every JSON body on this path.
        return BufferedBody.of(request).map(PublicQuery::isPublic).orElse(false);
    }

    static boolean isPublic(byte[] body) {
        try {
            JsonNode query = JSON.readTree(body).get("query");
            return query != null && query.isString() && isPublic(Parser.parse(query.asString()));
        } catch (JacksonException | InvalidSyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isPublic(Document document) {
        AtomicBoolean fragments = new AtomicBoolean();
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            protected TraversalControl visitNode(Node node, TraverserContext<Node> context) {
                if (node instanceof FragmentSpread || node instanceof InlineFragment || node instanceof FragmentDefinition) {
                    fragments.set(true);
                    return TraversalControl.QUIT;
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        if (fragments.get() || document.getDefinitions().isEmpty()) {
            return false;
        }
        for (var definition : document.getDefinitions()) {
            if (!(definition instanceof OperationDefinition op) || op.getOperation() != OperationDefinition.Operation.QUERY
                    || !onlyFields(op.getSelectionSet(), ROOT)) {
                return false;
            }
            for (Selection<?> root : op.getSelectionSet().getSelections()) {
                if (((Field) root).getName().equals("serverInfo") && !onlyFields(((Field) root).getSelectionSet(), SERVER_INFO)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean onlyFields(SelectionSet selections, Set<String> allowed) {
        return selections != null && selections.getSelections().stream()
                .allMatch(s -> s instanceof Field f && allowed.contains(f.getName()));
    }
}
