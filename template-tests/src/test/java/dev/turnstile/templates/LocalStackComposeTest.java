package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/**
 * localstack-compose.yml cannot run here (no Docker engine); this checks that it parses and that
 * LocalStack is asked for every AWS service the synthesized stacks use that it emulates.
 */
class LocalStackComposeTest {

    /** CloudFormation namespace -> LocalStack service name, for the services LocalStack emulates. */
    private static final Map<String, String> SERVICES = Map.ofEntries(
            Map.entry("AWS::S3", "s3"), Map.entry("AWS::SQS", "sqs"), Map.entry("AWS::SNS", "sns"),
            Map.entry("AWS::Events", "events"), Map.entry("AWS::Scheduler", "scheduler"),
            Map.entry("AWS::Lambda", "lambda"), Map.entry("AWS::DynamoDB", "dynamodb"),
            Map.entry("AWS::SecretsManager", "secretsmanager"), Map.entry("AWS::CloudWatch", "cloudwatch"),
            Map.entry("AWS::Logs", "logs"), Map.entry("AWS::IAM", "iam"), Map.entry("AWS::ApiGateway", "apigateway"),
            Map.entry("AWS::KMS", "kms"), Map.entry("AWS::EC2", "ec2"));

    @Test
    void composeFileNamesLocalStackWithEveryUsedServicePostgres15AndOpenSearch() throws Exception {
        Path file = Path.of("..", "localstack-compose.yml");
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        JsonNode services = compose.get("services");

        assertThat(services.get("postgres").get("image").asText()).isEqualTo("postgres:15");
        assertThat(services.get("opensearch").get("image").asText()).startsWith("opensearchproject/opensearch:");
        assertThat(services.get("localstack").get("image").asText()).startsWith("localstack/localstack:");
        Set<String> enabled = Arrays.stream(services.get("localstack").get("environment").get("SERVICES").asText()
                .split(",")).map(String::trim).collect(Collectors.toSet());

        Set<String> used = SynthesizedApp.get().all().stream()
                .flatMap(e -> e.getValue().toJSON().values().stream())
                .filter(Map.class::isInstance).map(Cfn::map)
                .flatMap(section -> section.values().stream())
                .filter(Map.class::isInstance).map(Cfn::map)
                .map(resource -> String.valueOf(resource.get("Type")))
                .filter(type -> type.startsWith("AWS::"))
                .map(type -> type.substring(0, type.indexOf("::", 5)))
                .filter(SERVICES::containsKey)
                .map(SERVICES::get)
                .collect(Collectors.toSet());
        assertThat(used).contains("s3", "sqs", "lambda", "dynamodb");
        assertThat(enabled).containsAll(used);
    }
}
