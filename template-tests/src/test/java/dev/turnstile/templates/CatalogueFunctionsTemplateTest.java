package dev.turnstile.templates;

import static dev.turnstile.templates.Lambdas.handlerOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Every catalogue function, HTTP or scheduled, is deployed once and the same way: a SnapStart
 * Lambda behind a live alias. HTTP functions sit in the API stack, scheduled ones in the schedules
 * stack. Expected values come from the catalogue, so a function dropped by the CDK code fails here.
 */
class CatalogueFunctionsTemplateTest {

    private final SynthesizedApp app = SynthesizedApp.get();

    @Test
    void httpFunctionsAreInTheApiStackAndScheduledOnesInTheSchedulesStack() {
        // AppSync's resolver sits with the REST functions: both are the API, behind the same web ACL
        assertThat(Lambdas.functionsByHandler(app.api).keySet()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(FunctionCatalogue.http().stream(), FunctionCatalogue.graphqlResolvers().stream())
                        .map(Lambdas::handlerOf).toList());
        assertThat(Lambdas.functionsByHandler(app.schedules).keySet()).containsExactlyInAnyOrderElementsOf(
                FunctionCatalogue.scheduled().stream().map(Lambdas::handlerOf).toList());
        assertThat(Lambdas.functionsByHandler(app.workers).keySet()).containsExactlyInAnyOrderElementsOf(
                FunctionCatalogue.queued().stream().map(Lambdas::handlerOf).toList());
        assertThat(Lambdas.functionsByHandler(app.paymentWorkflow).keySet()).containsExactlyInAnyOrderElementsOf(
                FunctionCatalogue.workflowTasks().stream().map(Lambdas::handlerOf).toList());
    }

    @Test
    void everyQueueConsumerReadsItsOwnQueueWithADeadLetterQueue_fedByABusRule_reportingPartialFailures() {
        var mappings = app.workers.findResources("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(FunctionCatalogue.queued().stream().mapToInt(f -> f.queues().size()).sum());
        // the batch the catalogue asks for (the local poller reads the same), collected for its window
        var recorder = FunctionCatalogue.CHECK_IN_RECORDER.queues().getFirst();
        assertThat(mappings.values()).anySatisfy(m -> assertThat(Cfn.properties(m))
                .containsEntry("BatchSize", recorder.batchSize())
                .containsEntry("MaximumBatchingWindowInSeconds", recorder.batchingWindowSeconds()));
        mappings.values().forEach(m -> {
            var props = Cfn.properties(m);
            assertThat(props.get("FunctionResponseTypes")).isEqualTo(java.util.List.of("ReportBatchItemFailures"));
            // the live alias, never $LATEST: SnapStart applies
            assertThat(props.get("FunctionName").toString()).contains("Aliaslive");
        });
        var queues = app.workers.findResources("AWS::SQS::Queue");
        long withRedrive = queues.values().stream().filter(q -> Cfn.properties(q).containsKey("RedrivePolicy")).count();
        assertThat(withRedrive).isEqualTo(mappings.size());
        assertThat(queues).hasSize(mappings.size() * 2);
        var rules = app.workers.findResources("AWS::Events::Rule");
        assertThat(rules).hasSize(mappings.size()).allSatisfy((id, rule) -> {
            var props = Cfn.properties(rule);
            assertThat(props.get("EventBusName")).isEqualTo("turnstile");
            assertThat(props.get("EventPattern").toString()).contains("turnstile.checkin");
        });
    }

    @Test
    void functionsReachTheDoorTableAndTheBusExactlyWhereTheCatalogueSaysSo() {
        templates().forEach(template -> {
            Map<String, Map<String, Object>> functions = Lambdas.functionsByHandler(template);
            Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
            for (FunctionSpec spec : FunctionCatalogue.all()) {
                Map<String, Object> function = functions.get(handlerOf(spec));
                if (function == null) {
                    continue; // in another stack's template
                }
                Object roleId = ((List<?>) Cfn.map(function.get("Role")).get("Fn::GetAtt")).get(0);
                String granted = policies.values().stream()
                        .filter(p -> Cfn.properties(p).get("Roles").toString().contains(roleId.toString()))
                        .map(p -> Cfn.properties(p).get("PolicyDocument").toString()).reduce("", String::concat);
                boolean door = spec.uses().contains(dev.turnstile.catalogue.Resource.DOOR_TABLE);
                boolean bus = spec.uses().contains(dev.turnstile.catalogue.Resource.EVENT_BUS);
                assertThat(granted.contains("dynamodb:UpdateItem")).as(spec.name() + " may write the door table").isEqualTo(door);
                assertThat(granted.contains("events:PutEvents")).as(spec.name() + " may put events").isEqualTo(bus);
                assertThat(granted).as(spec.name()).doesNotContain("dynamodb:*").doesNotContain("events:*");
            }
        });
    }

    @Test
    void everyCatalogueFunctionIsOneJava21LambdaWithSnapStartOnPublishedVersions() {
        Map<String, Map<String, Object>> byHandler = new HashMap<>();
        templates().forEach(template -> byHandler.putAll(Lambdas.functionsByHandler(template)));

        assertThat(byHandler.keySet()).containsExactlyInAnyOrderElementsOf(
                FunctionCatalogue.all().stream().map(Lambdas::handlerOf).toList());
        for (FunctionSpec spec : FunctionCatalogue.all()) {
            Map<String, Object> function = byHandler.get(handlerOf(spec));
            assertThat(function).as(spec.name())
                    .containsEntry("Runtime", "java21")
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                    .containsEntry("Architectures", List.of("arm64"))
                    .containsEntry("TracingConfig", Map.of("Mode", "Active"));
            assertThat(((Number) function.get("MemorySize")).intValue()).as(spec.name()).isEqualTo(spec.memoryMb());
            assertThat(((Number) function.get("Timeout")).intValue()).as(spec.name()).isEqualTo(15);
            // Services.fromEnvironment() needs the issuer in every function, scheduled ones included
            assertThat(Cfn.map(Cfn.map(function.get("Environment")).get("Variables"))).as(spec.name())
                    .containsKeys("TURNSTILE_JWKS_URL", "TURNSTILE_JWT_ISSUER")
                    .containsEntry("POWERTOOLS_SERVICE_NAME", "turnstile-" + spec.name());
            assertThat(Cfn.map(function.get("LoggingConfig"))).as(spec.name())
                    .containsEntry("LogFormat", "JSON").containsKey("LogGroup");
        }
        assertThat(templates().mapToInt(t -> t.findResources("AWS::Lambda::Function").size()).sum())
                .isEqualTo(FunctionCatalogue.all().size());
    }

    @Test
    void everyFunctionHasALiveAliasOnAPublishedVersion() {
        List<String> aliasedHandlers = templates().flatMap(template -> {
            Map<String, String> handlerByFunctionId = Lambdas.handlerByFunctionId(template);
            Map<String, Map<String, Object>> versions = template.findResources("AWS::Lambda::Version");
            return template.findResources("AWS::Lambda::Alias").values().stream().map(Cfn::properties)
                    .peek(alias -> assertThat(alias).containsEntry("Name", "live"))
                    .peek(alias -> assertThat(Cfn.referencedIds(alias.get("FunctionVersion")).toList())
                            .isNotEmpty().allMatch(versions::containsKey))
                    .map(alias -> handlerByFunctionId.get(Cfn.ref(alias.get("FunctionName"))));
        }).toList();

        assertThat(aliasedHandlers).containsExactlyInAnyOrderElementsOf(
                FunctionCatalogue.all().stream().map(Lambdas::handlerOf).toList());
    }

    @Test
    void everyFunctionHasItsOwnRoleAndLogGroup() {
        List<Object> roles = templates().flatMap(t -> t.findResources("AWS::Lambda::Function").values().stream())
                .map(Cfn::properties).map(function -> function.get("Role")).toList();
        List<Object> logGroups = templates().flatMap(t -> t.findResources("AWS::Lambda::Function").values().stream())
                .map(Cfn::properties).map(function -> Cfn.map(function.get("LoggingConfig")).get("LogGroup")).toList();

        assertThat(roles).hasSize(FunctionCatalogue.all().size()).doesNotHaveDuplicates();
        assertThat(logGroups).hasSize(FunctionCatalogue.all().size()).doesNotHaveDuplicates();
    }

    private Stream<Template> templates() {
        return app.functionTemplates();
    }
}
