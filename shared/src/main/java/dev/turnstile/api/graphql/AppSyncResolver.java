package dev.turnstile.api.graphql;

import dev.turnstile.identity.Principal;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.AstPrinter;
import graphql.language.AstTransformer;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * AppSync's direct Lambda resolver for the root query fields: turns AppSync's resolver event (one
 * field: {@code info.fieldName}, {@code arguments}, {@code info.selectionSetGraphQL}; the caller
 * in {@code identity}) into a one-field document, runs it through {@link GraphqlApi} — the engine,
 * use cases, membership checks and read limit that serve {@code POST /graphql} — and returns the
 * field's value, which AppSync then shapes to the client's selection. A refusal is a
 * {@link FieldRefused}.
 *
 * <p>The caller: AppSync, under {@code AMAZON_COGNITO_USER_POOLS} authorization, verified the
 * token's signature, issuer, audience and expiry before invoking us and passes the verified claims
 * in {@code identity}; the principal is built from {@code identity.sub} and {@code claims} as
 * {@code JwksTokenVerifier} builds it from a token (an identity token with an e-mail), and an event
 * without them is refused (docs/infrastructure.md, "GraphQL": the identity AppSync hands over).
 */
public final class AppSyncResolver {

    private final GraphqlApi api;

    public AppSyncResolver(GraphqlApi api) {
        this.api = api;
    }

    /** The value of the field the event names, as graphql-java resolved it (maps, lists, scalars). */
    public Object resolve(Map<String, Object> event) {
        if (event == null) {
            throw new FieldRefused("bad_request", "No resolver event");
        }
        Principal caller = caller(event.get("identity"));
        Map<String, Object> info = map(event.get("info"));
        String type = string(info.get("parentTypeName"));
        String fieldName = string(info.get("fieldName"));
        GraphQLObjectType query = api.schema().getQueryType();
        if (!query.getName().equals(type) || fieldName == null || query.getFieldDefinition(fieldName) == null) {
            throw new FieldRefused("bad_request", "This function resolves the fields of " + query.getName()
                    + ", not " + type + "." + fieldName);
        }
        GraphQLFieldDefinition field = query.getFieldDefinition(fieldName);
        Map<String, Object> arguments = map(event.get("arguments"));
        for (String name : arguments.keySet()) {
            if (field.getArgument(name) == null) {
                throw new FieldRefused("bad_request", fieldName + " has no argument " + name);
            }
        }
        String selection = string(info.get("selectionSetGraphQL"));
        ExecutionResult result = api.execute(caller, document(field, selection), new LinkedHashMap<>(arguments));
        if (!result.getErrors().isEmpty()) {
            throw refusal(result.getErrors().getFirst());
        }
        Map<String, Object> data = result.getData();
        return data == null ? null : data.get(fieldName);
    }

    /**
     * {@code query AppSync($id: ID!) { organization(id: $id) { ...the selection... } }}: the
     * arguments go in as variables (typed from the schema, so graphql-java coerces and checks them),
     * never into the text. Aliases are dropped from the selection: AppSync reads the value we return
     * by field name and applies the client's aliases itself.
     */
    private static String document(GraphQLFieldDefinition field, String selection) {
        StringJoiner declarations = new StringJoiner(", ", "(", ")").setEmptyValue("");
        StringJoiner arguments = new StringJoiner(", ", "(", ")").setEmptyValue("");
        for (GraphQLArgument argument : field.getArguments()) {
            declarations.add("$" + argument.getName() + ": " + GraphQLTypeUtil.simplePrint(argument.getType()));
            arguments.add(argument.getName() + ": $" + argument.getName());
        }
        String text = "query AppSync" + declarations + " { " + field.getName() + arguments + " "
                + (selection == null ? "" : selection) + " }";
        try {
            Document parsed = Parser.parse(text);
            // the selection set is AppSync's, built from a validated query; still, it answers one field
            if (parsed.getDefinitions().size() != 1
                    || !(parsed.getDefinitions().getFirst() instanceof OperationDefinition operation)
                    || operation.getSelectionSet().getSelections().size() != 1) {
                throw new FieldRefused("bad_request", "The selection set must select within " + field.getName() + " only");
            }
            Node<?> withoutAliases = new AstTransformer().transform(parsed, new NodeVisitorStub() {
                @Override
                public TraversalControl visitField(Field node, TraverserContext<Node> context) {
                    return node.getAlias() == null ? TraversalControl.CONTINUE
                            : TreeTransformerUtil.changeNode(context, node.transform(f -> f.alias(null)));
                }
            });
            return AstPrinter.printAst(withoutAliases);
        } catch (InvalidSyntaxException e) {
            throw new FieldRefused("bad_request", "The selection set is not GraphQL: " + e.getMessage());
        }
    }

    private static FieldRefused refusal(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        Object code = extensions == null ? null : extensions.get("code");
        // no code: graphql-java's own validation or coercion error (a bad selection or argument)
        return new FieldRefused(code == null ? "bad_request" : code.toString(), error.getMessage());
    }

    private static Principal caller(Object identity) {
        Map<String, Object> who = map(identity);
        Map<String, Object> claims = map(who.get("claims"));
        String sub = string(who.get("sub"));
        String email = string(claims.get("email"));
        if (sub == null || email == null || email.isBlank()) {
            throw new FieldRefused("unauthenticated",
                    "The request carries no Cognito identity with a subject and an e-mail");
        }
        String use = string(claims.get("token_use"));
        if (use != null && !use.equals("id")) {
            throw new FieldRefused("unauthenticated", "Send the identity token, not the " + use + " token");
        }
        UUID userId;
        try {
            userId = UUID.fromString(sub);
        } catch (IllegalArgumentException e) {
            throw new FieldRefused("unauthenticated", "The identity's subject is malformed");
        }
        Object verified = claims.get("email_verified");
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return new Principal(userId, email, string(claims.get("name")), emailVerified);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }
}
