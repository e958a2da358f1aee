package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.turnstile.catalogue.FunctionCatalogue;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The async, secrets, observability and web stacks: the properties that matter. */
class PlatformStacksTemplateTest {

    private final SynthesizedApp app = SynthesizedApp.get();

    @Test
    void theEventBusIsNamedTurnstileAndArchived() {
        app.async.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "turnstile"));
        app.async.hasResourceProperties("AWS::Events::Archive", Match.objectLike(Map.of("RetentionDays", 90)));
    }

    @Test
    void everyQueueIsEncryptedSslOnlyAndHasADeadLetterQueue() {
        for (Template template : List.of(app.async, app.schedules, app.workers, app.webSocket)) {
            Map<String, Map<String, Object>> queues = template.findResources("AWS::SQS::Queue");
            List<String> deadLetterQueues = queues.values().stream().map(Cfn::properties)
                    .filter(q -> q.containsKey("RedrivePolicy"))
                    .map(q -> Cfn.referencedIds(q.get("RedrivePolicy")).findFirst().orElseThrow()).toList();
            queues.forEach((id, queue) -> {
                Map<String, Object> props = Cfn.properties(queue);
                assertThat(props).as(id).containsEntry("SqsManagedSseEnabled", true);
                // a queue is either a dead-letter queue or has one
                boolean isDeadLetterQueue = deadLetterQueues.contains(id) || id.contains("DeadLetter");
                assertThat(isDeadLetterQueue || props.containsKey("RedrivePolicy")).as(id + " has a DLQ").isTrue();
            });
            List<String> sslOnly = template.findResources("AWS::SQS::QueuePolicy").values().stream()
                    .map(Cfn::properties)
                    .filter(p -> p.get("PolicyDocument").toString().contains("aws:SecureTransport=false"))
                    .flatMap(p -> Cfn.referencedIds(p.get("Queues"))).toList();
            assertThat(sslOnly).containsAll(queues.keySet());
        }
        app.async.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5)))));
    }

    @Test
    void providerSecretsExistWithGeneratedPlaceholdersAndAreExported() {
        Map<String, Map<String, Object>> secrets = app.secrets.findResources("AWS::SecretsManager::Secret");
        assertThat(secrets.values().stream().map(Cfn::properties).map(p -> (String) p.get("Name")))
                .containsExactlyInAnyOrder("turnstile/stripe", "turnstile/paypal", "turnstile/webhook-signing");
        assertThat(secrets.values()).allSatisfy(secret -> {
            assertThat(Cfn.properties(secret)).containsKey("GenerateSecretString").doesNotContainKey("SecretString");
        });
        assertThat(app.secrets.toJSON().get("Outputs").toString()).contains("Turnstile-Stripe-SecretArn",
                "Turnstile-PayPal-SecretArn", "Turnstile-WebhookSigning-SecretArn");
    }

    @Test
    void everyFunctionHasErrorThrottleAndP99DurationAlarms() {
        Map<String, Map<String, Object>> alarms = app.observability.findResources("AWS::CloudWatch::Alarm");
        var byMetric = alarms.values().stream().map(Cfn::properties)
                .collect(java.util.stream.Collectors.groupingBy(a -> a.get("Namespace") + "/" + a.get("MetricName")));
        int functions = FunctionCatalogue.all().size();
        assertThat(byMetric.get("AWS/Lambda/Errors")).hasSize(functions);
        assertThat(byMetric.get("AWS/Lambda/Throttles")).hasSize(functions);
        assertThat(byMetric.get("AWS/Lambda/Duration")).hasSize(functions)
                .allSatisfy(a -> assertThat(a.get("ExtendedStatistic")).isEqualTo("p99"));
        assertThat(byMetric.get("AWS/ApiGateway/5XXError")).hasSize(1);
        assertThat(byMetric.get("AWS/ApiGateway/Latency")).hasSize(1)
                .allSatisfy(a -> assertThat(a.get("ExtendedStatistic")).isEqualTo("p99"));
        int deadLetterQueues = app.stacks.schedules().deadLetterQueues().size() + app.stacks.async().deadLetterQueues().size()
                + app.stacks.workers().deadLetterQueues().size() + app.stacks.webSocket().deadLetterQueues().size();
        assertThat(byMetric.get("AWS/SQS/ApproximateNumberOfMessagesVisible")).hasSize(deadLetterQueues);
        assertThat(alarms.values()).allSatisfy(alarm ->
                assertThat(Cfn.properties(alarm).get("AlarmActions").toString()).contains("AlarmTopic"));
    }

    @Test
    void theAlarmTopicIsEncryptedWithARotatedKeyAndSslOnly() {
        app.observability.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
        app.observability.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        app.observability.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        app.observability.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void theWebDistributionUsesOacHttpsSecurityHeadersAndLogs() {
        Template web = app.web;
        web.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        web.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of(
                "DistributionConfig", Match.objectLike(Map.of(
                        "Logging", Match.objectLike(Map.of("Prefix", "cdn/")),
                        "DefaultCacheBehavior", Match.objectLike(Map.of(
                                "ViewerProtocolPolicy", "redirect-to-https",
                                "ResponseHeadersPolicyId", Match.anyValue())))))));
        web.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Match.objectLike(Map.of(
                "ResponseHeadersPolicyConfig", Match.objectLike(Map.of("SecurityHeadersConfig", Match.objectLike(Map.of(
                        "StrictTransportSecurity", Match.objectLike(Map.of("AccessControlMaxAgeSec", 63072000)),
                        "ContentSecurityPolicy", Match.objectLike(Map.of(
                                "ContentSecurityPolicy", Match.stringLikeRegexp(".*default-src 'self'.*"))),
                        "ContentTypeOptions", Match.objectLike(Map.of("Override", true)),
                        "FrameOptions", Match.objectLike(Map.of("FrameOption", "DENY")))))))));
        // the site bucket is read by CloudFront only, under the distribution's ARN
        assertThat(web.findResources("AWS::S3::BucketPolicy").values().stream().map(Cfn::properties)
                .map(p -> p.get("PolicyDocument").toString()))
                .anyMatch(p -> p.contains("cloudfront.amazonaws.com") && p.contains("AWS:SourceArn"));
    }

    static Stream<Template> allTemplates(SynthesizedApp app) {
        return app.all().stream().map(Map.Entry::getValue);
    }
}
