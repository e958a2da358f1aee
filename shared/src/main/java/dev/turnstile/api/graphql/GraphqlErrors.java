package dev.turnstile.api.graphql;

import dev.turnstile.common.DomainException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GraphQL side of the one place where refusals become errors (the REST side is
 * {@code Problems}): a domain refusal becomes an error on its field with the REST problem's
 * message and {@code code}; anything else is logged and answered with a message that reveals
 * nothing, as the REST API's 500 does.
 */
final class GraphqlErrors implements DataFetcherExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GraphqlErrors.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters failure) {
        Throwable e = failure.getException() instanceof CompletionException c && c.getCause() != null
                ? c.getCause() : failure.getException();
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError(failure.getDataFetchingEnvironment());
        GraphQLError built;
        if (e instanceof DomainException refusal) {
            built = error.message("%s", refusal.detail()).extensions(Map.of("code", refusal.code())).build();
        } else {
            log.error("GraphQL field {} failed", failure.getPath(), e);
            built = error.message("Something went wrong on our side; the request changed nothing.")
                    .extensions(Map.of("code", "internal_error")).build();
        }
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(built).build());
    }
}
