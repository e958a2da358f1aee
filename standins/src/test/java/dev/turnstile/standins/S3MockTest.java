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
}
