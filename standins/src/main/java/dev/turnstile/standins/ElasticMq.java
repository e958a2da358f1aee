package dev.turnstile.standins;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS for tests and the local runtime: ElasticMQ (Apache-2.0) in this JVM on a random loopback
 * port, spoken to over HTTP by the AWS SDK exactly as SQS is, redrive to dead-letter queues included.
 */
public final class ElasticMq implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = SqsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public static ElasticMq start() {
        int port = Dynalite.freePort();
        SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1")
                .withAWSRegion("us-east-1").start();
        server.waitUntilStarted();
        return new ElasticMq(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client of this server; closed with it. */
    public SqsClient client() {
        return client;
    }

    /**
     * Creates a queue and its dead-letter queue, with the redrive the CDK async stack gives every
     * queue: after {@code maxReceiveCount} failed receipts a message moves to the dead letters.
     * Returns the queue's URL; the dead-letter queue is named {@code name + "-dlq"}.
     */
    public String createQueueWithDeadLetters(String name, int maxReceiveCount, int visibilityTimeoutSeconds) {
        String dlqUrl = client.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return client.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}",
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)))).queueUrl();
    }

    public String queueUrl(String name) {
        return client.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
