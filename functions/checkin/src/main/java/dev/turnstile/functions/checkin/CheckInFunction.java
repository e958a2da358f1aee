package dev.turnstile.functions.checkin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.catalogue.ApiRoutes;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.ticketcode.TicketCode;
import dev.turnstile.wiring.Services;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import java.util.UUID;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Lambda entry point: door staff scan tickets, undo check-ins and look attendees up. Primed for
 * SnapStart: before the snapshot it runs what every scan runs that needs no network — an Ed25519
 * verification (Bouncy Castle's tables) and a request through the router to its problem answer —
 * so the first scan after a restore finds those classes loaded and initialised.
 */
public final class CheckInFunction extends ApiGatewayFunction {

    /** Kept reachable for the life of the container: CRaC holds registered resources weakly. */
    private final Resource primer = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            prime();
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
        }
    };

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public CheckInFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.CHECK_IN));
        Core.getGlobalContext().register(primer);
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public CheckInFunction(Services services) {
        super(FunctionCatalogue.CHECK_IN, services);
    }

    /** The scan path's local work, once: no database, table or bus is touched. Returns the status of the primed request. */
    int prime() {
        try {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String code = new TicketCode(1, UUID.randomUUID(), UUID.randomUUID(), 1).sign(keys.getPrivate());
            if (!TicketCode.parse(code).orElseThrow().verifiedBy(new TicketCode.Verifier(keys.getPublic()))) {
                throw new IllegalStateException("A freshly signed ticket code did not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
        UUID id = UUID.randomUUID();
        String path = ApiRoutes.CHECK_IN.path().replace("{orgId}", id.toString()).replace("{eventId}", id.toString());
        APIGatewayProxyRequestEvent unauthenticated = new APIGatewayProxyRequestEvent()
                .withHttpMethod(ApiRoutes.CHECK_IN.method()).withResource(ApiRoutes.CHECK_IN.path()).withPath(path)
                .withPathParameters(Map.of("orgId", id.toString(), "eventId", id.toString()))
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"code\": \"primer\", \"scanId\": \"primer\"}");
        return handleRequest(unauthenticated, null).getStatusCode();
    }
}
