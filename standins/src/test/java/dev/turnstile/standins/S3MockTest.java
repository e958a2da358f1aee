package dev.turnstile.standins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3MockTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsOnALoopbackPortWithItsBucketsAndSpeaksS3sRestProtocol() throws Exception {
        S3Mock s3 = S3Mock.shared(List.of("turnstile-test"));
        URI endpoint = s3.endpoint();
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");

        // S3Mock checks no signature: a plain PUT and GET of an object, path-style, prove the protocol
        URI object = endpoint.resolve("/turnstile-test/probe/hello.txt");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(object).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(object).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello");
        assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(endpoint.resolve("/turnstile-test/nothing-here"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("NoSuchKey");

        assertThat(S3Mock.shared(List.of("other"))).isSameAs(s3);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        int port = S3Mock.shared(List.of("turnstile-test")).endpoint().getPort();
        // this machine's own non-loopback address: a server bound to 127.0.0.1 refuses connections on it
        java.util.Optional<java.net.InetAddress> external = java.util.Optional.empty();
        for (var i : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!i.isLoopback() && external.isEmpty()) {
                external = java.util.Collections.list(i.getInetAddresses()).stream()
                        .filter(a -> a instanceof java.net.Inet4Address).findFirst();
            }
        }
        java.net.InetAddress own = external.orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(), "no non-loopback address to try");
        try (var socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> socket.connect(new java.net.InetSocketAddress(own, port), 500))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
