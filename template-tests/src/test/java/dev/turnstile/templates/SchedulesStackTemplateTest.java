package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Schedule;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The schedules stack runs exactly the catalogue's schedules ({@link FunctionCatalogue#scheduled()}):
 * one EventBridge Scheduler schedule per catalogue {@link Schedule}, with its expression, invoking
 * its function's live alias, retried within one period and dead-lettered to an encrypted queue
 * that refuses plain HTTP. A schedule the CDK code loses, or points at the wrong function, fails here.
 */
class SchedulesStackTemplateTest {

    private final Template template = SynthesizedApp.get().schedules;

    @Test
    void everyCatalogueScheduleIsAnEnabledScheduleWithItsExpressionInvokingItsFunctionsLiveAlias() {
        List<String> expected = FunctionCatalogue.scheduled().stream()
                .flatMap(spec -> spec.schedules().stream().map(schedule -> describe(schedule, spec)))
                .toList();

        Map<String, String> handlerByAliasId = Lambdas.handlerByAliasId(template);
        List<String> deployed = schedules().values().stream()
                .map(schedule -> {
                    assertThat(schedule).containsEntry("State", "ENABLED")
                            .containsEntry("FlexibleTimeWindow", Map.of("Mode", "OFF"));
                    String handler = Cfn.referencedIds(target(schedule).get("Arn"))
                            .filter(handlerByAliasId::containsKey).map(handlerByAliasId::get)
                            .findFirst().orElse("<not a live alias>");
                    return schedule.get("ScheduleExpression") + " -> " + handler;
                })
                .toList();

        assertThat(expected).isNotEmpty();
        assertThat(deployed).containsExactlyInAnyOrderElementsOf(expected);
        template.resourceCountIs("AWS::Events::Rule", 0);
    }

    @Test
    void failedDeliveriesAreRetriedForAtMostOnePeriodThenDeadLettered() {
        Map<String, Schedule> catalogueSchedules = new HashMap<>();
        FunctionCatalogue.scheduled().forEach(spec -> spec.schedules()
                .forEach(schedule -> catalogueSchedules.put(describe(schedule, spec), schedule)));
        Map<String, String> handlerByAliasId = Lambdas.handlerByAliasId(template);
        Map<String, Map<String, Object>> queues = template.findResources("AWS::SQS::Queue");

        assertThat(schedules()).isNotEmpty().allSatisfy((id, schedule) -> {
            String handler = handlerByAliasId.get(Cfn.ref(target(schedule).get("Arn")));
            Schedule expected = catalogueSchedules.get(schedule.get("ScheduleExpression") + " -> " + handler);
            assertThat(expected).as("catalogue schedule of %s", id).isNotNull();

            Map<String, Object> retry = Cfn.map(target(schedule).get("RetryPolicy"));
            assertThat(((Number) retry.get("MaximumRetryAttempts")).intValue()).as(id).isBetween(1, 185);
            assertThat(((Number) retry.get("MaximumEventAgeInSeconds")).longValue()).as(id)
                    .isEqualTo(Math.max(60, expected.periodSeconds()));
            assertThat(Cfn.referencedIds(Cfn.map(target(schedule).get("DeadLetterConfig")).get("Arn")).toList())
                    .as("dead-letter queue of %s", id).singleElement().satisfies(queue ->
                            assertThat(queues).containsKey(queue));
        });
    }

    @Test
    void deadLetterQueuesAreEncryptedAndRefuseUnencryptedTransport() {
        Map<String, Map<String, Object>> queues = template.findResources("AWS::SQS::Queue");
        List<Map<String, Object>> queuePolicies = template.findResources("AWS::SQS::QueuePolicy").values().stream()
                .map(Cfn::properties).toList();

        assertThat(queues).hasSize(FunctionCatalogue.scheduled().size());
        assertThat(queues).allSatisfy((id, queue) -> {
            Map<String, Object> properties = Cfn.properties(queue);
            assertThat(Boolean.TRUE.equals(properties.get("SqsManagedSseEnabled"))
                    || properties.containsKey("KmsMasterKeyId")).as("%s is encrypted at rest", id).isTrue();

            List<Object> denials = queuePolicies.stream()
                    .filter(policy -> Cfn.referencedIds(policy.get("Queues")).anyMatch(id::equals))
                    .flatMap(policy -> ((List<?>) Cfn.map(policy.get("PolicyDocument")).get("Statement")).stream())
                    .map(Cfn::map)
                    .filter(statement -> "Deny".equals(statement.get("Effect"))
                            && Map.of("Bool", Map.of("aws:SecureTransport", "false")).equals(statement.get("Condition")))
                    .collect(Collectors.toList());
            assertThat(denials).as("%s denies requests without TLS", id).isNotEmpty();
        });
    }

    @Test
    void failedRunsAreNotRetriedByLambdaAndGoToTheFunctionsDeadLetterQueue() {
        Map<String, String> handlerByAliasId = Lambdas.handlerByAliasId(template);
        Map<String, String> handlerByFunctionId = Lambdas.handlerByFunctionId(template);
        Map<String, String> queueByHandler = deadLetterQueueByHandler();

        Map<String, Map<String, Object>> configs = template.findResources("AWS::Lambda::EventInvokeConfig");
        List<String> configured = configs.values().stream().map(Cfn::properties).map(config -> {
            String handler = handlerByFunctionId.get(Cfn.ref(config.get("FunctionName")));
            assertThat(Cfn.referencedIds(config.get("Qualifier")).toList()).as("qualifier of %s", handler)
                    .singleElement().satisfies(alias -> assertThat(handlerByAliasId).containsEntry(alias, handler));
            assertThat(((Number) config.get("MaximumRetryAttempts")).intValue()).as(handler).isZero();
            Object destination = Cfn.map(Cfn.map(config.get("DestinationConfig")).get("OnFailure")).get("Destination");
            assertThat(Cfn.referencedIds(destination).toList()).as("on-failure destination of %s", handler)
                    .containsExactly(queueByHandler.get(handler));
            return handler;
        }).toList();

        assertThat(configured).containsExactlyInAnyOrderElementsOf(
                FunctionCatalogue.scheduled().stream().map(Lambdas::handlerOf).toList());
    }

    @Test
    void schedulerMayOnlyInvokeTheLiveAliasAndWriteTheDeadLetterQueue() {
        Map<String, Map<String, Object>> roles = template.findResources("AWS::IAM::Role");
        template.resourceCountIs("AWS::Scheduler::ScheduleGroup", 1);
        Map<String, Map<String, Object>> groups = template.findResources("AWS::Scheduler::ScheduleGroup");
        String groupId = groups.keySet().iterator().next();

        assertThat(schedules()).isNotEmpty().allSatisfy((id, schedule) -> {
            Map<String, Object> target = target(schedule);
            String roleId = Cfn.referencedIds(target.get("RoleArn")).findFirst().orElseThrow();
            assertThat(schedule.get("GroupName")).as("group of %s", id)
                    .isEqualTo(Cfn.properties(groups.get(groupId)).get("Name"));

            Map<String, Object> trust = Cfn.map(((List<?>) Cfn.map(Cfn.properties(roles.get(roleId))
                    .get("AssumeRolePolicyDocument")).get("Statement")).getFirst());
            assertThat(trust).containsEntry("Principal", Map.of("Service", "scheduler.amazonaws.com"));
            Map<String, Object> condition = Cfn.map(Cfn.map(trust.get("Condition")).get("StringEquals"));
            assertThat(condition).containsKey("aws:SourceAccount");
            assertThat(Cfn.referencedIds(condition.get("aws:SourceArn")).toList()).containsExactly(groupId);

            assertThat(statementsOf(roleId).stream().map(SchedulesStackTemplateTest::describe).toList())
                    .as("policy of %s", roleId)
                    .containsExactlyInAnyOrder(
                            "[lambda:InvokeFunction]" + on(Cfn.ref(target.get("Arn"))),
                            "[sqs:SendMessage]" + on(Cfn.referencedIds(
                                    Cfn.map(target.get("DeadLetterConfig")).get("Arn")).findFirst().orElseThrow()));
        });
    }

    @Test
    void aScheduledFunctionMayOnlySendToItsOwnDeadLetterQueue() {
        Map<String, String> queueByHandler = deadLetterQueueByHandler();
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");

        for (FunctionSpec spec : FunctionCatalogue.scheduled()) {
            String roleId = functions.values().stream().map(Cfn::properties)
                    .filter(f -> Lambdas.handlerOf(spec).equals(f.get("Handler")))
                    .map(f -> Cfn.referencedIds(f.get("Role")).findFirst().orElseThrow())
                    .findFirst().orElseThrow();
            List<String> sqs = statementsOf(roleId).stream()
                    .filter(s -> Cfn.asList(s.get("Action")).stream().anyMatch(a -> a.toString().startsWith("sqs:")))
                    .map(SchedulesStackTemplateTest::describe)
                    .toList();
            assertThat(sqs).as(spec.name()).containsExactly(
                    "[sqs:SendMessage]" + on(queueByHandler.get(Lambdas.handlerOf(spec))));
        }
    }

    private Map<String, Map<String, Object>> schedules() {
        return template.findResources("AWS::Scheduler::Schedule").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Cfn.properties(e.getValue())));
    }

    private static Map<String, Object> target(Map<String, Object> schedule) {
        return Cfn.map(schedule.get("Target"));
    }

    /** The dead-letter queue of each scheduled function, read from its schedules. */
    private Map<String, String> deadLetterQueueByHandler() {
        Map<String, String> handlerByAliasId = Lambdas.handlerByAliasId(template);
        Map<String, String> queueByHandler = new HashMap<>();
        schedules().values().forEach(schedule -> queueByHandler.put(
                handlerByAliasId.get(Cfn.ref(target(schedule).get("Arn"))),
                Cfn.referencedIds(Cfn.map(target(schedule).get("DeadLetterConfig")).get("Arn")).findFirst().orElseThrow()));
        return queueByHandler;
    }

    /** The statements of the {@code AWS::IAM::Policy} resources attached to a role. */
    private List<Map<String, Object>> statementsOf(String roleId) {
        return template.findResources("AWS::IAM::Policy").values().stream().map(Cfn::properties)
                .filter(policy -> Cfn.referencedIds(policy.get("Roles")).anyMatch(roleId::equals))
                .flatMap(policy -> ((List<?>) Cfn.map(policy.get("PolicyDocument")).get("Statement")).stream())
                .map(Cfn::map)
                .toList();
    }

    /** {@code [sqs:SendMessage] on [${QueueId}]}: the actions, and the resources as text. */
    private static String describe(Map<String, Object> statement) {
        return Cfn.asList(statement.get("Action")) + " on "
                + Cfn.asList(statement.get("Resource")).stream().map(Cfn::text).toList();
    }

    private static String on(String logicalId) {
        return " on [${" + logicalId + "}]";
    }

    private static String describe(Schedule schedule, FunctionSpec spec) {
        return schedule.expression() + " -> " + Lambdas.handlerOf(spec);
    }
}
