package dev.turnstile.adapters.websocket;

import dev.turnstile.checkin.ConnectionPoster;
import dev.turnstile.checkin.DashboardMessage;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * {@code PostToConnection} on the WebSocket API's management endpoint
 * ({@code https://{api}.execute-api.{region}.amazonaws.com/{stage}}). The message is encoded once
 * and posted to the connections in parallel: one slow client must not hold the others' update.
 */
public final class ApiGatewayConnectionPoster implements ConnectionPoster {

    private static final Logger log = LoggerFactory.getLogger(ApiGatewayConnectionPoster.class);

    private final ApiGatewayManagementApiClient client;
    private final ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();

    public ApiGatewayConnectionPoster(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    /** The client a Lambda function builds once at init, for the stage's callback URL. */
    public static ApiGatewayConnectionPoster forCallbackUrl(String callbackUrl,
            software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        return new ApiGatewayConnectionPoster(ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(callbackUrl))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build());
    }

    @Override
    public Set<String> post(Collection<String> connectionIds, DashboardMessage message) {
        SdkBytes data = SdkBytes.fromUtf8String(DashboardMessageCodec.write(message));
        Set<String> gone = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> sent = connectionIds.stream().map(id -> CompletableFuture.runAsync(() -> {
            try {
                client.postToConnection(b -> b.connectionId(id).data(data));
            } catch (GoneException e) {
                gone.add(id);
            } catch (RuntimeException e) {
                log.warn("Could not post to dashboard connection {}", id, e);
            }
        }, posts)).toList();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        return Set.copyOf(gone);
    }
}
