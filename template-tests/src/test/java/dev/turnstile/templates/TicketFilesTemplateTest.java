package dev.turnstile.templates;

import static dev.turnstile.templates.Lambdas.handlerOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.turnstile.catalogue.Resource;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The tickets bucket is reached by exactly the functions whose catalogue entry names
 * {@link Resource#TICKET_FILES}: they get its name in {@code TURNSTILE_TICKETS_BUCKET}, object read
 * and write under {@code tickets/} and bucket listing (HeadObject's 404); every other function gets
 * no S3 action at all.
 */
class TicketFilesTemplateTest {

    private final SynthesizedApp app = SynthesizedApp.get();

    @Test
    void exactlyTheFunctionsThatServeTicketLinksGetTheBucketsNameAndTheirThreeActions() {
        assertThat(FunctionCatalogue.all().stream().filter(f -> f.uses(Resource.TICKET_FILES)).map(FunctionSpec::name))
                .containsExactlyInAnyOrder("registrations", "registration-admin");
        for (FunctionSpec spec : FunctionCatalogue.all()) {
            Template template = app.templateOf(spec);
            Map<String, Object> function = Lambdas.functionsByHandler(template).get(handlerOf(spec));
            Map<String, Object> variables = Cfn.map(Cfn.map(function.get("Environment")).get("Variables"));
            List<Map<String, Object>> s3 = statementsOfRole(template, function).stream()
                    .filter(st -> Cfn.asList(st.get("Action")).stream().anyMatch(a -> a.toString().startsWith("s3:")))
                    .toList();

            if (spec.uses(Resource.TICKET_FILES)) {
                assertThat(variables).as(spec.name()).containsKey("TURNSTILE_TICKETS_BUCKET");
                assertThat(Cfn.text(variables.get("TURNSTILE_TICKETS_BUCKET"))).as(spec.name())
                        .contains("Tickets");
                assertThat(s3).as(spec.name()).hasSize(2);
                Map<String, Object> objects = s3.stream()
                        .filter(st -> Cfn.asList(st.get("Action")).contains("s3:GetObject")).findFirst().orElseThrow();
                assertThat(Set.copyOf(Cfn.asList(objects.get("Action")))).isEqualTo(Set.of("s3:GetObject", "s3:PutObject"));
                assertThat(Cfn.asList(objects.get("Resource")).stream().map(Cfn::text).toList()).singleElement()
                        .satisfies(resource -> assertThat(resource).contains("Tickets").endsWith("/tickets/*"));
                Map<String, Object> listing = s3.stream()
                        .filter(st -> Cfn.asList(st.get("Action")).equals(List.of("s3:ListBucket"))).findFirst().orElseThrow();
                assertThat(Cfn.asList(listing.get("Resource")).stream().map(Cfn::text).toList()).singleElement()
                        .satisfies(resource -> assertThat(resource).contains("Tickets").doesNotContain("*"));
            } else {
                assertThat(variables).as(spec.name()).doesNotContainKey("TURNSTILE_TICKETS_BUCKET");
                assertThat(s3).as(spec.name()).isEmpty();
            }
        }
    }

    /** The identity-policy statements attached to the function's execution role. */
    private static List<Map<String, Object>> statementsOfRole(Template template, Map<String, Object> function) {
        String roleId = Cfn.referencedIds(function.get("Role")).findFirst().orElseThrow();
        return template.findResources("AWS::IAM::Policy").values().stream().map(Cfn::properties)
                .filter(policy -> Cfn.asList(policy.get("Roles")).stream().anyMatch(r -> roleId.equals(Cfn.ref(r))))
                .flatMap(policy -> ((List<?>) Cfn.map(policy.get("PolicyDocument")).get("Statement")).stream())
                .map(Cfn::map)
                .toList();
    }
}
