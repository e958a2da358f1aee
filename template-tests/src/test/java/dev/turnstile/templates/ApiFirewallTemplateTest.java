package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The REST API's stage (and so the GraphQL endpoint) sits behind a regional WAFv2 web ACL: a
 * per-IP rate limit that blocks, AWS's known-bad-inputs and common rule sets with their own
 * actions (only the common set's 8 KB body rule counted), metrics on every rule.
 */
class ApiFirewallTemplateTest {

    private final Template api = SynthesizedApp.get().api;

    @Test
    void theWebAclIsRegional_allowsByDefault_andRateLimitsEachIpBeforeTheManagedRules() {
        Map<String, Object> acl = theWebAcl();
        assertThat(acl).containsEntry("Scope", "REGIONAL").containsEntry("DefaultAction", Map.of("Allow", Map.of()));

        List<Map<String, Object>> rules = rules(acl);
        assertThat(rules.stream().map(r -> r.get("Name")))
                .containsExactly("RequestsPerIp", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet");
        assertThat(rules.stream().map(r -> ((Number) r.get("Priority")).intValue())).containsExactly(0, 1, 2);

        Map<String, Object> rate = rules.get(0);
        assertThat(rate).containsEntry("Action", Map.of("Block", Map.of()));
        assertThat(Cfn.map(Cfn.map(rate.get("Statement")).get("RateBasedStatement")))
                .containsEntry("AggregateKeyType", "IP")
                .containsEntry("Limit", 6000)
                .containsEntry("EvaluationWindowSec", 300);
    }

    @Test
    void theManagedRuleGroupsAreAwssKeepTheirActions_andOnlyTheBodySizeRuleIsCounted() {
        List<Map<String, Object>> rules = rules(theWebAcl());
        Map<String, Object> badInputs = managedStatement(rules.get(1));
        Map<String, Object> common = managedStatement(rules.get(2));

        for (Map<String, Object> rule : rules.subList(1, 3)) {
            assertThat(rule).containsEntry("OverrideAction", Map.of("None", Map.of())).doesNotContainKey("Action");
        }
        assertThat(badInputs).containsEntry("VendorName", "AWS").containsEntry("Name", "AWSManagedRulesKnownBadInputsRuleSet")
                .doesNotContainKey("RuleActionOverrides").doesNotContainKey("ExcludedRules");
        assertThat(common).containsEntry("VendorName", "AWS").containsEntry("Name", "AWSManagedRulesCommonRuleSet")
                .doesNotContainKey("ExcludedRules")
                .containsEntry("RuleActionOverrides", List.of(Map.of("Name", "SizeRestrictions_BODY",
                        "ActionToUse", Map.of("Count", Map.of()))));
    }

    @Test
    void everyRuleAndTheAclReportMetricsAndSampledRequests() {
        Map<String, Object> acl = theWebAcl();
        assertThat(Cfn.map(acl.get("VisibilityConfig")))
                .containsEntry("CloudWatchMetricsEnabled", true).containsEntry("SampledRequestsEnabled", true);
        assertThat(rules(acl)).allSatisfy(rule -> assertThat(Cfn.map(rule.get("VisibilityConfig")))
                .containsEntry("CloudWatchMetricsEnabled", true)
                .containsEntry("SampledRequestsEnabled", true)
                .containsEntry("MetricName", rule.get("Name")));
    }

    @Test
    void theAclIsAssociatedWithTheProdStageOfTheRestApi() {
        String aclId = api.findResources("AWS::WAFv2::WebACL").keySet().iterator().next();
        String restApiId = api.findResources("AWS::ApiGateway::RestApi").keySet().iterator().next();
        String stageId = api.findResources("AWS::ApiGateway::Stage").keySet().iterator().next();
        Map<String, Map<String, Object>> associations = api.findResources("AWS::WAFv2::WebACLAssociation");

        // the other one is AppSync's (AppSyncTemplateTest)
        assertThat(associations).hasSize(2);
        Map<String, Object> association = associations.values().stream().map(Cfn::properties)
                .filter(a -> Cfn.text(a.get("ResourceArn")).contains("restapis")).findFirst().orElseThrow();
        assertThat(association.get("WebACLArn")).isEqualTo(Map.of("Fn::GetAtt", List.of(aclId, "Arn")));
        assertThat(Cfn.text(association.get("ResourceArn"))).isEqualTo(
                "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${" + restApiId + "}/stages/${" + stageId + "}");
    }

    private Map<String, Object> theWebAcl() {
        Map<String, Map<String, Object>> acls = api.findResources("AWS::WAFv2::WebACL");
        assertThat(acls).hasSize(1);
        return Cfn.properties(acls.values().iterator().next());
    }

    private static List<Map<String, Object>> rules(Map<String, Object> acl) {
        return ((List<?>) acl.get("Rules")).stream().map(Cfn::map).toList();
    }

    private static Map<String, Object> managedStatement(Map<String, Object> rule) {
        return Cfn.map(Cfn.map(rule.get("Statement")).get("ManagedRuleGroupStatement"));
    }
}
