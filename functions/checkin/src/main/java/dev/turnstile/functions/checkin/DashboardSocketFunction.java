package dev.turnstile.functions.checkin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.turnstile.api.DashboardSocket;
import dev.turnstile.wiring.Services;

/**
 * Lambda entry point: the live dashboard's WebSocket routes ($connect, $disconnect, $default) as
 * API Gateway's WebSocket API sends them, and as the local runtime's WebSocket server builds them.
 */
public final class DashboardSocketFunction implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final DashboardSocket socket;

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public DashboardSocketFunction() {
        this(Services.fromEnvironment(dev.turnstile.catalogue.FunctionCatalogue.DASHBOARD_SOCKET));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public DashboardSocketFunction(Services services) {
        this.socket = new DashboardSocket(services);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return socket.handle(event);
    }
}
