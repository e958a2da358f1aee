package dev.turnstile.functions.checkin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs in a JVM whose classpath is the check-in Lambda jar and this class only (CheckInArtifactIT):
 * builds each function of the module as the Lambda runtime does (no-argument constructor, services
 * from the environment), then serves one API Gateway proxy event per stdin line to the check-in
 * function, one response per stdout line.
 */
public final class ArtifactLauncher {

    private ArtifactLauncher() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        // every entry point in the jar starts (each container builds only its own; here all, to prove each can)
        new CheckInRecorderFunction();
        new DashboardSocketFunction();
        new DashboardPushFunction();
        new DoorRepairFunction();
        CheckInFunction checkIn = new CheckInFunction();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            APIGatewayProxyResponseEvent response = checkIn.handleRequest(json.readValue(line, APIGatewayProxyRequestEvent.class), null);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", response.getStatusCode());
            out.put("body", response.getBody());
            System.out.println(json.writeValueAsString(out));
        }
    }
}
