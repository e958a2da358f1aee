package dev.turnstile.standins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class DynaliteTest {

    @Test
    void startsOnALoopbackPortSpeaksDynamoDbsJsonProtocolAndStops() throws Exception {
        URI endpoint;
        try (Dynalite dynalite = Dynalite.start()) {
            endpoint = dynalite.endpoint();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            // an unsigned call is refused the way DynamoDB refuses it: proof of the protocol, not just a socket
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                    .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("MissingAuthenticationToken");
        }
        try (var socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> socket.connect(new java.net.InetSocketAddress("127.0.0.1", endpoint.getPort()), 500))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
