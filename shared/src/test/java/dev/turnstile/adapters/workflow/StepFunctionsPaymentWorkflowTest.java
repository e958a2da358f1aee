package dev.turnstile.adapters.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.turnstile.paymentflow.PaymentWorkflow;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The real SDK against a stub that speaks Step Functions' protocol (JSON 1.0 over POST /, the
 * operation in {@code X-Amz-Target}), answering as the service documents StartExecution: the
 * request the SDK sends is the contract the state machine reads.
 */
class StepFunctionsPaymentWorkflowTest {

    static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:turnstile-payment";
    static final ObjectMapper JSON = new ObjectMapper();

    WireMockServer stub;
    SfnClient client;

    @BeforeEach
    void start() {
        stub = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        client = SfnClient.builder().endpointOverride(URI.create(stub.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.stop();
    }

    @Test
    void givenAStartedPayment_thenOneExecutionNamedAfterTheRegistrationIsStartedWithIdsAndTheHoldsEnd() throws Exception {
        stub.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"executionArn\": \"arn:aws:states:eu-west-1:123456789012:execution:turnstile-payment:x\","
                                + " \"startDate\": 1767225600.123}")));
        UUID org = UUID.randomUUID();
        UUID registration = UUID.randomUUID();

        new StepFunctionsPaymentWorkflow(client, STATE_MACHINE).started(new PaymentWorkflow.Start(org, registration,
                Instant.parse("2026-03-01T10:15:00.250Z")));

        var requests = stub.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().getHeader("Content-Type")).startsWith("application/x-amz-json-1.0");
        assertThat(requests.getFirst().getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256")
                .contains("/eu-west-1/states/aws4_request");
        JsonNode body = JSON.readTree(requests.getFirst().getBodyAsString());
        assertThat(body.get("stateMachineArn").asText()).isEqualTo(STATE_MACHINE);
        assertThat(body.get("name").asText()).isEqualTo(registration.toString());
        JsonNode input = JSON.readTree(body.get("input").asText());
        assertThat(input.get("orgId").asText()).isEqualTo(org.toString());
        assertThat(input.get("registrationId").asText()).isEqualTo(registration.toString());
        // whole seconds, rounded up: the catch path's Wait never wakes before the hold ran out
        assertThat(input.get("holdExpiresAt").asText()).isEqualTo("2026-03-01T10:15:01Z");
        assertThat(input.size()).as("ids and the hold's end only: executions are logged").isEqualTo(3);
    }

    @Test
    void givenTheRegistrationsExecutionExistsAlready_thenStartingAgainIsNotAnError() {
        stub.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\": \"ExecutionAlreadyExists\", \"message\": \"Execution Already Exists\"}")));

        new StepFunctionsPaymentWorkflow(client, STATE_MACHINE).started(new PaymentWorkflow.Start(UUID.randomUUID(),
                UUID.randomUUID(), Instant.parse("2026-03-01T10:15:00Z")));

        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
    }

    @Test
    void givenStepFunctionsRefuses_thenTheCallerHearsOfIt() {
        stub.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\": \"StateMachineDoesNotExist\", \"message\": \"State Machine Does Not Exist\"}")));

        assertThatThrownBy(() -> new StepFunctionsPaymentWorkflow(client, STATE_MACHINE).started(
                new PaymentWorkflow.Start(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-03-01T10:15:00Z"))))
                .isInstanceOf(SfnException.class);
    }
}
