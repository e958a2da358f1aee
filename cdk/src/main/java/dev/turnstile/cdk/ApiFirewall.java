package dev.turnstile.cdk;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACL.AllowActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.BlockActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CountActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.DefaultActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ManagedRuleGroupStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OverrideActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionOverrideProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.StatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.VisibilityConfigProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * The REST API's web application firewall: a regional WAFv2 web ACL on the stage, in front of
 * every route (the GraphQL endpoint included). In order: a per-IP rate limit, AWS's known-bad-
 * inputs rules (Log4Shell and similar exploit payloads), AWS's common rule set (OWASP-style
 * patterns) with its 8 KB body limit only counted. Stage throttling stays the ceiling for all
 * callers together; this keeps one caller from taking it.
 */
final class ApiFirewall extends Construct {

    static final String RATE_LIMIT_RULE = "RequestsPerIp";
    static final String COMMON_RULES = "AWSManagedRulesCommonRuleSet";
    static final String KNOWN_BAD_INPUTS = "AWSManagedRulesKnownBadInputsRuleSet";
    /**
     * The common set's rule that blocks bodies over 8 KB. Counted, not enforced: offline check-in
     * syncs and registrations with many attendees' answers are legitimately larger; API Gateway
     * caps bodies at 10 MB and the handlers check every field.
     */
    static final String BODY_SIZE_RULE = "SizeRestrictions_BODY";
    /**
     * Requests per IP per five minutes by default (about 20 a second): a venue's scanners or a
     * campus behind one address during a ticket drop stay under it; one client flooding the API
     * does not. {@value TurnstileApp#WAF_RATE_LIMIT_CONTEXT} sets another.
     */
    static final int DEFAULT_REQUESTS_PER_IP = 6000;
    static final int EVALUATION_WINDOW_SECONDS = 300;

    private final CfnWebACL webAcl;

    ApiFirewall(Construct scope, String id, Stage stage, int requestsPerIp) {
        super(scope, id);
        if (requestsPerIp < 100) {
            throw new IllegalArgumentException("A rate limit under 100 requests per IP per 5 minutes would lock out "
                    + "a single admin session: " + requestsPerIp);
        }
        CfnWebACL webAcl = CfnWebACL.Builder.create(this, "WebAcl")
                .name("turnstile-api")
                .description("Turnstile REST and GraphQL API: per-IP rate limit, AWS managed rules")
                .scope("REGIONAL")
                .defaultAction(DefaultActionProperty.builder().allow(AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility("turnstile-api"))
                .rules(List.of(
                        RuleProperty.builder()
                                .name(RATE_LIMIT_RULE)
                                .priority(0)
                                .action(RuleActionProperty.builder().block(BlockActionProperty.builder().build()).build())
                                .statement(StatementProperty.builder()
                                        .rateBasedStatement(RateBasedStatementProperty.builder()
                                                .aggregateKeyType("IP")
                                                .limit(requestsPerIp)
                                                .evaluationWindowSec(EVALUATION_WINDOW_SECONDS)
                                                .build())
                                        .build())
                                .visibilityConfig(visibility(RATE_LIMIT_RULE))
                                .build(),
                        managedRuleGroup(KNOWN_BAD_INPUTS, 1, List.of()),
                        managedRuleGroup(COMMON_RULES, 2, List.of(RuleActionOverrideProperty.builder()
                                .name(BODY_SIZE_RULE)
                                .actionToUse(RuleActionProperty.builder().count(CountActionProperty.builder().build()).build())
                                .build()))))
                .build();
        this.webAcl = webAcl;
        protect("StageAssociation", stage.getStageArn());
    }

    /** Puts another regional resource behind the same rules (the AppSync API: the same callers, the same limits). */
    void protect(String id, String resourceArn) {
        CfnWebACLAssociation.Builder.create(this, id)
                .resourceArn(resourceArn)
                .webAclArn(webAcl.getAttrArn())
                .build();
    }

    /** An AWS managed rule group, its own actions kept ({@code none}), except the rules overridden. */
    private static RuleProperty managedRuleGroup(String name, int priority, List<RuleActionOverrideProperty> overrides) {
        var statement = ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(name);
        if (!overrides.isEmpty()) {
            statement.ruleActionOverrides(overrides);
        }
        return RuleProperty.builder()
                .name(name)
                .priority(priority)
                .overrideAction(OverrideActionProperty.builder().none(Map.of()).build())
                .statement(StatementProperty.builder().managedRuleGroupStatement(statement.build()).build())
                .visibilityConfig(visibility(name))
                .build();
    }

    /** CloudWatch metrics and sampled requests, so that a block can be looked up in the console. */
    private static VisibilityConfigProperty visibility(String metric) {
        return VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .sampledRequestsEnabled(true)
                .metricName(metric)
                .build();
    }
}
