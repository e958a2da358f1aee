package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.turnstile.catalogue.FunctionCatalogue;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The data stack, and how the functions reach it: encryption, recovery, placement, least privilege, ordering. */
class DataStackTemplateTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private final Template data = app.data;

    @Test
    void theClusterIsEncryptedAuroraPostgres15WithBackupsDeletionProtectionDataApiAndIamAuth() {
        data.hasResourceProperties("AWS::RDS::DBCluster", Map.of(
                "Engine", "aurora-postgresql",
                "EngineVersion", Match.stringLikeRegexp("^15\\..*"),
                "StorageEncrypted", true,
                "DeletionProtection", true,
                "EnableHttpEndpoint", true,
                "EnableIAMDatabaseAuthentication", true,
                "BackupRetentionPeriod", 14,
                "DatabaseName", "turnstile",
                "ServerlessV2ScalingConfiguration", Match.objectLike(Map.of("MinCapacity", 0.5))));
        data.resourceCountIs("AWS::RDS::DBInstance", 2);
        data.allResourcesProperties("AWS::RDS::DBInstance", Map.of("DBInstanceClass", "db.serverless",
                "PubliclyAccessible", false));
        // the owner's credentials are a generated secret, rotated
        data.resourceCountIs("AWS::SecretsManager::RotationSchedule", 1);
    }

    @Test
    void theProxyRequiresTlsAndIamLoginsEndToEnd() {
        data.hasResourceProperties("AWS::RDS::DBProxy", Map.of(
                "EngineFamily", "POSTGRESQL",
                "RequireTLS", true,
                "DefaultAuthScheme", "IAM_AUTH"));
    }

    @Test
    void theCheckInTableIsOnDemandEncryptedWithPitrAndGenericKeys() {
        data.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "SSESpecification", Map.of("SSEEnabled", true),
                "DeletionProtectionEnabled", true,
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "GlobalSecondaryIndexes", List.of(Match.objectLike(Map.of("IndexName", "gsi1",
                        "KeySchema", List.of(Map.of("AttributeName", "gsi1pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "gsi1sk", "KeyType", "RANGE")))))));
    }

    @Test
    void everyBucketIsEncryptedPrivateAndRefusesPlainHttp() {
        for (Template template : List.of(app.data, app.web)) {
            Map<String, Map<String, Object>> buckets = template.findResources("AWS::S3::Bucket");
            assertThat(buckets).isNotEmpty();
            buckets.forEach((id, bucket) -> {
                Map<String, Object> props = Cfn.properties(bucket);
                assertThat(props).as(id).containsKey("BucketEncryption");
                assertThat(props.get("PublicAccessBlockConfiguration")).as(id).isEqualTo(Map.of(
                        "BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
            });
            Map<String, Map<String, Object>> policies = template.findResources("AWS::S3::BucketPolicy");
            List<String> bucketsDenyingHttp = policies.values().stream().map(Cfn::properties)
                    .filter(policy -> policy.get("PolicyDocument").toString().contains("aws:SecureTransport=false"))
                    .map(policy -> Cfn.ref(policy.get("Bucket")))
                    .toList();
            assertThat(bucketsDenyingHttp).containsExactlyInAnyOrderElementsOf(buckets.keySet());
        }
    }

    @Test
    void exportsExpireAfter30DaysAndTicketsAndMediaAreVersionedWithAccessLogs() {
        data.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "LifecycleConfiguration", Match.objectLike(Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Id", "ExportsExpireAfter30Days", "ExpirationInDays", 30)))))),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "exports/")))));
        for (String prefix : List.of("tickets/", "media/")) {
            data.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                    "VersioningConfiguration", Map.of("Status", "Enabled"),
                    "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", prefix)))));
        }
    }

    @Test
    void theVpcHasTwoAzsOneNatGatewayAndEndpointsForS3DynamoDbAndSecretsManager() {
        data.resourceCountIs("AWS::EC2::NatGateway", 1);
        data.resourceCountIs("AWS::EC2::FlowLog", 1);
        assertThat(data.findResources("AWS::EC2::Subnet")).hasSize(6); // public, functions, data x 2 AZs
        List<String> endpoints = data.findResources("AWS::EC2::VPCEndpoint").values().stream()
                .map(Cfn::properties).map(p -> Cfn.text(p.get("ServiceName"))).toList();
        assertThat(endpoints).hasSize(3).anyMatch(s -> s.endsWith(".s3")).anyMatch(s -> s.endsWith(".dynamodb"))
                .anyMatch(s -> s.endsWith("secretsmanager"));
    }

    @Test
    void everyCatalogueFunctionRunsInTheVpcWithTheProxysIamLogin() {
        Map<String, Map<String, Object>> functions = new java.util.HashMap<>();
        app.functionTemplates().forEach(template -> functions.putAll(Lambdas.functionsByHandler(template)));
        assertThat(FunctionCatalogue.all()).allSatisfy(spec -> {
            Map<String, Object> function = functions.get(Lambdas.handlerOf(spec));
            assertThat(function).as(spec.name()).isNotNull();
            assertThat(Cfn.map(function.get("VpcConfig"))).as(spec.name())
                    .containsKeys("SubnetIds", "SecurityGroupIds");
            Map<String, Object> env = Cfn.map(Cfn.map(function.get("Environment")).get("Variables"));
            assertThat(env).as(spec.name())
                    .containsEntry("TURNSTILE_DB_USER", "turnstile_app")
                    .containsEntry("TURNSTILE_DB_IAM_AUTH", "true")
                    .containsKeys("TURNSTILE_JWT_ISSUER", "TURNSTILE_JWKS_URL", "TURNSTILE_KEY_SEALING_SECRET_ARN")
                    .doesNotContainKey("TURNSTILE_DB_PASSWORD")
                    .doesNotContainKey("TURNSTILE_KEY_SEALING_SECRET");
            assertThat(Cfn.text(env.get("TURNSTILE_DB_URL"))).as(spec.name())
                    .startsWith("jdbc:postgresql://").endsWith(":5432/turnstile?sslmode=require");
        });
    }

    @Test
    void everyCatalogueFunctionMayReadTheKeySealingSecret_andNothingElseOfSecretsManager() {
        // the provider secrets, read by the payment functions only: PaymentSecretsTemplateTest
        for (Template template : app.functionTemplates().toList()) {
            List<Map<String, Object>> reads = Cfn.identityPolicyStatements(template).stream()
                    .filter(s -> Cfn.asList(s.get("Action")).contains("secretsmanager:GetSecretValue"))
                    .filter(s -> !"PaymentProviderSecrets".equals(s.get("Sid"))).toList();
            assertThat(reads).hasSize(Lambdas.functionsByHandler(template).size());
        }
        app.data.hasResourceProperties("AWS::SecretsManager::Secret",
                software.amazon.awscdk.assertions.Match.objectLike(Map.of("Name", "turnstile/ticket-key-sealing")));
    }

    @Test
    void theRestApiPassesPdfAndImagesThroughAsBinary() {
        app.api.hasResourceProperties("AWS::ApiGateway::RestApi", software.amazon.awscdk.assertions.Match.objectLike(
                Map.of("BinaryMediaTypes", List.of("application/pdf", "image/png", "image/svg+xml"))));
    }

    @Test
    void functionsMayConnectAsTheAppUserThroughTheProxyOnly() {
        for (Template template : app.functionTemplates().toList()) {
            List<Map<String, Object>> connects = Cfn.identityPolicyStatements(template).stream()
                    .filter(s -> Cfn.asList(s.get("Action")).contains("rds-db:connect")).toList();
            assertThat(connects).hasSize(Lambdas.functionsByHandler(template).size()).allSatisfy(statement -> {
                String resource = Cfn.text(statement.get("Resource"));
                assertThat(resource).contains(":rds-db:").contains(":dbuser:").endsWith("/turnstile_app");
            });
        }
    }

    @Test
    void theMigrationTriggerRunsAfterTheClusterAndBeforeTheFunctionStacks() {
        Map<String, Map<String, Object>> triggers = data.findResources("Custom::Trigger");
        assertThat(triggers).hasSize(1);
        @SuppressWarnings("unchecked")
        List<Object> dependsOn = (List<Object>) triggers.values().iterator().next().get("DependsOn");
        List<String> clusterParts = new java.util.ArrayList<>(data.findResources("AWS::RDS::DBCluster").keySet());
        clusterParts.addAll(data.findResources("AWS::RDS::DBInstance").keySet());
        assertThat(dependsOn).as("the trigger waits for the cluster and its instances")
                .containsAll(clusterParts);
        assertThat(app.stacks.api().getDependencies()).contains(app.stacks.data());
        assertThat(app.stacks.schedules().getDependencies()).contains(app.stacks.data());
        // the migration step itself: in the VPC, the owner's secret by reference, not in the catalogue
        Map<String, Object> migrate = data.findResources("AWS::Lambda::Function").values().stream().map(Cfn::properties)
                .filter(f -> "dev.turnstile.functions.workers.MigrateFunction::handleRequest".equals(f.get("Handler")))
                .findFirst().orElse(null);
        assertThat(migrate).isNotNull().containsKey("VpcConfig");
        assertThat(Cfn.map(Cfn.map(migrate.get("Environment")).get("Variables")))
                .containsKeys("TURNSTILE_DB_OWNER_SECRET_ARN", "TURNSTILE_DB_HOST")
                .containsEntry("TURNSTILE_DB_APP_USER", "turnstile_app");
        assertThat(FunctionCatalogue.all()).noneMatch(spec -> spec.handler().endsWith("MigrateFunction"));
    }
}
