package dev.turnstile.cdk;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The admin UI and public assets: a private S3 bucket read by CloudFront only (origin access
 * control), HTTPS only, with security headers on every answer and access logs. The custom domain,
 * its certificate (then TLS 1.2 minimum) and WAF come with the edge work (docs/infrastructure.md).
 */
public final class WebStack extends Stack {

    /** The admin UI calls the REST API and Cognito; everything else is its own origin. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self' https://*.amazonaws.com; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'; object-src 'none'";

    private final Bucket site;
    private final Distribution distribution;

    public WebStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);

        // CloudFront's standard logs are written with ACLs, hence object-writer ownership here only
        Bucket logs = Bucket.Builder.create(this, "CdnLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .lifecycleRules(List.of(LifecycleRule.builder().id("LogsExpireAfterOneYear")
                        .expiration(Duration.days(365)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(logs, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("This bucket receives CloudFront's and the site bucket's access logs; logging its own "
                        + "access would write a log record for every log delivery, without end.")
                .build()));

        site = Bucket.Builder.create(this, "Site")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder().id("OldVersions")
                        .noncurrentVersionExpiration(Duration.days(30)).build()))
                .serverAccessLogsBucket(logs)
                .serverAccessLogsPrefix("site/")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("Turnstile web: HSTS, CSP, nosniff, no framing, strict referrer")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(730)).includeSubdomains(true).preload(true)
                                .override(true).build())
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(CONTENT_SECURITY_POLICY).override(true).build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .frameOptions(ResponseHeadersFrameOptions.builder()
                                .frameOption(HeadersFrameOption.DENY).override(true).build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)
                                .override(true).build())
                        .build())
                .build();

        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("Turnstile admin UI and public assets")
                .defaultRootObject("index.html")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(site))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .responseHeadersPolicy(headers)
                        .build())
                .enableLogging(true)
                .logBucket(logs)
                .logFilePrefix("cdn/")
                .build();
        NagSuppressions.addResourceSuppressions(distribution, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-CFR4")
                        .reason("The distribution uses the default *.cloudfront.net certificate, with which "
                                + "CloudFront cannot pin a minimum TLS version; the custom domain and its ACM "
                                + "certificate (TLSv1.2_2021) come with the edge work.")
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-CFR1")
                        .reason("Events are sold to buyers anywhere; there is no country to block.")
                        .build()));

        CfnOutput.Builder.create(this, "SiteUrl").value("https://" + distribution.getDistributionDomainName()).build();
        CfnOutput.Builder.create(this, "SiteBucket").value(site.getBucketName()).build();
    }

    public Bucket site() {
        return site;
    }

    public Distribution distribution() {
        return distribution;
    }
}
