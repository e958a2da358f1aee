package dev.turnstile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.GraphqlFields;
import dev.turnstile.cdk.TurnstileApp;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * AWS's GraphQL API (issue #4): an AppSync API whose definition is the schema file, Cognito user
 * pool tokens as its only authorization, one direct Lambda resolver per Query field of the file
 * on one data source (the resolver function's live alias, which its service role alone may
 * invoke), field logs and X-Ray, behind the API's web ACL. Expected values come from the schema
 * file and the catalogue.
 */
class AppSyncTemplateTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private final Template api = app.api;

    @Test
    void theApiAcceptsOnlyTheIdentityStacksUserPoolTokens_logsFieldErrorsWithARole_andTraces() {
        Map<String, Object> graphqlApi = single("AWS::AppSync::GraphQLApi");

        assertThat(graphqlApi).containsEntry("AuthenticationType", "AMAZON_COGNITO_USER_POOLS")
                .containsEntry("XrayEnabled", true)
                // each root field is one invocation: aliases cannot fan a request out
                .containsEntry("ResolverCountLimit", 10)
                .doesNotContainKey("AdditionalAuthenticationProviders");
        Map<String, Object> pool = Cfn.map(graphqlApi.get("UserPoolConfig"));
        assertThat(pool).containsEntry("DefaultAction", "ALLOW");
        assertThat(Cfn.text(pool.get("UserPoolId"))).startsWith("${import:TurnstileIdentity");
        Map<String, Object> logs = Cfn.map(graphqlApi.get("LogConfig"));
        assertThat(logs).containsEntry("FieldLogLevel", "ERROR").containsEntry("ExcludeVerboseContent", true);
        String roleId = Cfn.referencedIds(logs.get("CloudWatchLogsRoleArn")).findFirst().orElseThrow();
        assertThat(Cfn.properties(api.findResources("AWS::IAM::Role").get(roleId))).doesNotContainKey("ManagedPolicyArns");
        String apiId = api.findResources("AWS::AppSync::GraphQLApi").keySet().iterator().next();
        var groups = api.findResources("AWS::Logs::LogGroup").entrySet().stream()
                .filter(group -> Cfn.text(Cfn.properties(group.getValue()).get("LogGroupName"))
                        .equals("/aws/appsync/apis/${" + apiId + "}")).toList();
        assertThat(groups).singleElement().satisfies(group ->
                assertThat(Cfn.properties(group.getValue())).containsEntry("RetentionInDays", 90));
        // the logging role writes that group and nothing else
        assertThat(statementsOf(roleId)).isNotEmpty().allSatisfy(statement -> {
            assertThat(Cfn.asList(statement.get("Action")).stream().map(Object::toString))
                    .allMatch(action -> action.equals("logs:CreateLogStream") || action.equals("logs:PutLogEvents"));
            assertThat(Cfn.asList(statement.get("Resource"))).allSatisfy(resource ->
                    assertThat(Cfn.referencedIds(resource).toList()).containsExactly(groups.getFirst().getKey()));
        });
    }

    @Test
    void theSchemaIsTheSchemaFile_asItIsOnDisk() throws IOException {
        String file = Files.readString(schemaFile());

        assertThat(single("AWS::AppSync::GraphQLSchema").get("Definition")).isEqualTo(file);
    }

    @Test
    void everyQueryFieldOfTheSchemaFileHasExactlyOneDirectLambdaResolver_onTheResolverFunctionsLiveAlias() throws IOException {
        List<String> queryFields = new SchemaParser().parse(Files.readString(schemaFile()))
                .getType(GraphqlFields.QUERY, ObjectTypeDefinition.class).orElseThrow()
                .getFieldDefinitions().stream().map(FieldDefinition::getName).toList();
        Map<String, Object> dataSource = single("AWS::AppSync::DataSource");
        String aliasId = Cfn.ref(Cfn.map(dataSource.get("LambdaConfig")).get("LambdaFunctionArn"));

        assertThat(dataSource).containsEntry("Type", "AWS_LAMBDA");
        assertThat(Lambdas.handlerByAliasId(api).get(aliasId))
                .isEqualTo(Lambdas.handlerOf(FunctionCatalogue.GRAPHQL_RESOLVER));
        assertThat(Cfn.properties(api.findResources("AWS::Lambda::Alias").get(aliasId))).containsEntry("Name", "live");

        List<Map<String, Object>> resolvers = api.findResources("AWS::AppSync::Resolver").values().stream()
                .map(Cfn::properties).toList();
        assertThat(queryFields).containsExactlyInAnyOrder("organization", "event", "myRegistrations");
        assertThat(resolvers.stream().map(r -> r.get("FieldName"))).containsExactlyInAnyOrderElementsOf(queryFields);
        assertThat(resolvers).allSatisfy(resolver -> {
            assertThat(resolver).containsEntry("TypeName", "Query")
                    // no mapping template and no code: AppSync sends its resolver event as is
                    .doesNotContainKeys("RequestMappingTemplate", "ResponseMappingTemplate", "Code", "Runtime",
                            "PipelineConfig", "MaxBatchSize");
            assertThat(resolver.getOrDefault("Kind", "UNIT")).isEqualTo("UNIT");
            assertThat(Cfn.text(resolver.get("DataSourceName"))).isEqualTo(Cfn.text(dataSource.get("Name")));
        });
    }

    @Test
    void appSyncsServiceRoleMayInvokeTheResolverFunctionsAliasAndNothingElse() {
        Map<String, Object> dataSource = single("AWS::AppSync::DataSource");
        String roleId = Cfn.referencedIds(dataSource.get("ServiceRoleArn")).findFirst().orElseThrow();
        String aliasId = Cfn.ref(Cfn.map(dataSource.get("LambdaConfig")).get("LambdaFunctionArn"));
        Map<String, Object> role = Cfn.properties(api.findResources("AWS::IAM::Role").get(roleId));

        assertThat(role.get("AssumeRolePolicyDocument").toString()).contains("appsync.amazonaws.com");
        assertThat(role).doesNotContainKey("ManagedPolicyArns");
        assertThat(statementsOf(roleId)).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement).containsEntry("Effect", "Allow");
            assertThat(Cfn.asList(statement.get("Action")).stream().map(Object::toString)).containsExactly("lambda:InvokeFunction");
            assertThat(Cfn.asList(statement.get("Resource"))).allSatisfy(resource ->
                    assertThat(Cfn.referencedIds(resource).toList()).containsExactly(aliasId));
        });
    }

    @Test
    void theApiSitsBehindTheSameWebAclAsTheRestStage_andItsUrlIsAnOutput() {
        String graphqlApiId = api.findResources("AWS::AppSync::GraphQLApi").keySet().iterator().next();
        String aclId = api.findResources("AWS::WAFv2::WebACL").keySet().iterator().next();

        assertThat(api.findResources("AWS::WAFv2::WebACLAssociation").values().stream().map(Cfn::properties)
                .filter(a -> Cfn.referencedIds(a.get("ResourceArn")).toList().equals(List.of(graphqlApiId))))
                .singleElement().satisfies(a -> assertThat(a.get("WebACLArn"))
                        .isEqualTo(Map.of("Fn::GetAtt", List.of(aclId, "Arn"))));
        Map<String, Object> output = Cfn.map(Cfn.map(api.toJSON().get("Outputs")).get("AppSyncGraphqlUrl"));
        assertThat(output.get("Value")).isEqualTo(Map.of("Fn::GetAtt", List.of(graphqlApiId, "GraphQLUrl")));
    }

    private List<Map<String, Object>> statementsOf(String roleId) {
        return api.findResources("AWS::IAM::Policy").values().stream().map(Cfn::properties)
                .filter(policy -> Cfn.asList(policy.get("Roles")).stream().anyMatch(r -> roleId.equals(Cfn.ref(r))))
                .flatMap(policy -> ((List<?>) Cfn.map(policy.get("PolicyDocument")).get("Statement")).stream())
                .map(Cfn::map).toList();
    }

    private Map<String, Object> single(String type) {
        Map<String, Map<String, Object>> found = api.findResources(type);
        assertThat(found).as(type).hasSize(1);
        return Cfn.properties(found.values().iterator().next());
    }

    /** Where the synth read it from: the repository root is one level above template-tests/. */
    private static Path schemaFile() {
        return Path.of("..").toAbsolutePath().normalize().resolve(TurnstileApp.GRAPHQL_SCHEMA);
    }
}
