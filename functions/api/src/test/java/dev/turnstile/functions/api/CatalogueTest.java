package dev.turnstile.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.api.ApiRouter;
import dev.turnstile.catalogue.ApiRoutes;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Route;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue, the routes and the handler classes agree. */
class CatalogueTest extends ApiTestSupport {

    @Test
    void everyDeclaredRouteIsInExactlyOneFunction_andEveryCatalogueRouteHasAHandler() throws Exception {
        Set<String> declared = new HashSet<>();
        for (Field f : ApiRoutes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Route.class) {
                declared.add(((Route) f.get(null)).key());
            }
        }
        List<String> inFunctions = new ArrayList<>();
        FunctionCatalogue.all().forEach(f -> f.routes().forEach(r -> inFunctions.add(r.key())));

        assertThat(inFunctions).doesNotHaveDuplicates();
        assertThat(Set.copyOf(inFunctions)).isEqualTo(declared);
        assertThat(ApiRouter.all(services).boundRoutes()).isEqualTo(declared);
    }

    @Test
    void everyHttpFunctionsHandlerClassExistsInThisModule_withTheConstructorsBothHostsUse() throws Exception {
        for (FunctionSpec spec : FunctionCatalogue.http().stream().filter(f -> f.module().equals("functions/api")).toList()) {
            Class<?> handler = Class.forName(spec.handler());
            assertThat(ApiGatewayFunction.class).isAssignableFrom(handler);
            assertThat(handler.getConstructor()).isNotNull();
            assertThat(handler.getConstructor(dev.turnstile.wiring.Services.class)).isNotNull();
            assertThat(spec.module()).isEqualTo("functions/api");
        }
    }

    /**
     * AppSync's resolver function is no HTTP function and has no route; the local runtime has no
     * AppSync, so POST /graphql, which it serves, must answer the same fields with the same engine.
     */
    @Test
    void everyAppSyncResolverFunctionExistsWithBothConstructors_andPostGraphqlServesItsFieldsLocally() throws Exception {
        assertThat(FunctionCatalogue.graphqlResolvers()).isNotEmpty();
        var engine = new dev.turnstile.api.graphql.GraphqlApi(services);
        for (FunctionSpec spec : FunctionCatalogue.graphqlResolvers()) {
            Class<?> handler = Class.forName(spec.handler());
            assertThat(com.amazonaws.services.lambda.runtime.RequestHandler.class).isAssignableFrom(handler);
            assertThat(handler.getConstructor()).isNotNull();
            assertThat(handler.getConstructor(dev.turnstile.wiring.Services.class)).isNotNull();
            assertThat(spec.isHttp()).isFalse();
            assertThat(spec.routes()).isEmpty();
            for (var fields : spec.graphqlFields()) {
                assertThat(engine.schema().getObjectType(fields.typeName())).as(fields.typeName()).isNotNull()
                        .isSameAs(engine.schema().getQueryType());
            }
        }
        assertThat(ApiRouter.all(services).boundRoutes()).contains(ApiRoutes.GRAPHQL.key());
        assertThat(FunctionCatalogue.http()).anySatisfy(f -> assertThat(f.routes()).contains(ApiRoutes.GRAPHQL));
    }

    @Test
    void aFunctionAnswersOnlyItsOwnRoutes() {
        Principal user = TestTokens.newUser("Una");
        var publicEvents = new PublicEventsFunction(services);
        Response r = send(publicEvents, as(user, ApiRoutes.LIST_MY_ORGANIZATIONS));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("route_not_found");
    }
}
