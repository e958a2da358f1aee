package dev.turnstile.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.turnstile.catalogue.GraphqlFields;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.services.appsync.AuthorizationConfig;
import software.amazon.awscdk.services.appsync.AuthorizationMode;
import software.amazon.awscdk.services.appsync.AuthorizationType;
import software.amazon.awscdk.services.appsync.BaseResolverProps;
import software.amazon.awscdk.services.appsync.Definition;
import software.amazon.awscdk.services.appsync.CfnGraphQLApi;
import software.amazon.awscdk.services.appsync.GraphqlApi;
import software.amazon.awscdk.services.appsync.LambdaDataSource;
import software.amazon.awscdk.services.appsync.UserPoolConfig;
import software.amazon.awscdk.services.appsync.UserPoolDefaultAction;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * AWS's GraphQL API (issue #4): AppSync with the schema FILE as its definition, the identity
 * stack's user pool as its only authorization, and one direct Lambda resolver (no mapping
 * templates) per field of the resolved type, all on one data source: the resolver function's
 * live alias. The fields are read from the schema file, so a field added there gets its resolver
 * at the next synth. Field logs at ERROR through a role that may write the API's log group only; X-Ray on.
 */
final class AppSyncApi extends Construct {

    /** Root fields per request; a dashboard asks for two or three. */
    static final int MAX_RESOLVERS_PER_REQUEST = 10;

    private final GraphqlApi api;

    AppSyncApi(Construct scope, String id, Path schemaFile, IUserPool userPool, CatalogueFunction resolver) {
        super(scope, id);
        GraphqlFields fields = resolver.spec().graphqlFields().getFirst();

        api = GraphqlApi.Builder.create(this, "Api")
                .name("turnstile")
                .definition(Definition.fromFile(schemaFile.toString()))
                .authorizationConfig(AuthorizationConfig.builder()
                        .defaultAuthorization(AuthorizationMode.builder()
                                .authorizationType(AuthorizationType.USER_POOL)
                                .userPoolConfig(UserPoolConfig.builder()
                                        .userPool(userPool)
                                        .defaultAction(UserPoolDefaultAction.ALLOW)
                                        .build())
                                .build())
                        .build())
                .xrayEnabled(true)
                // every root field is an invocation: aliases could otherwise fan one request out
                // to hundreds (POST /graphql's limit, GraphqlApi.MAX_READS, counts per document)
                .resolverCountLimit(MAX_RESOLVERS_PER_REQUEST)
                .build();

        // Logging set on the CloudFormation resource: the construct's logConfig would add a
        // custom-resource Lambda for the retention and the managed AWSAppSyncPushToCloudWatchLogs
        // policy (logs on every group). Here: the group AppSync writes to, made with a retention,
        // and a role that may write to that group only.
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/appsync/apis/" + api.getApiId())
                .retention(RetentionDays.THREE_MONTHS)
                .build();
        Role logging = Role.Builder.create(this, "LoggingRole")
                .assumedBy(new ServicePrincipal("appsync.amazonaws.com"))
                .description("Lets the Turnstile AppSync API write its own log group")
                .build();
        logs.grantWrite(logging);
        ((CfnGraphQLApi) api.getNode().getDefaultChild()).setLogConfig(CfnGraphQLApi.LogConfigProperty.builder()
                // refusals and faults only: ALL would log every resolved field a second time
                .fieldLogLevel("ERROR")
                // no request headers (bearer tokens) or results (attendees' data) in the logs
                .excludeVerboseContent(true)
                .cloudWatchLogsRoleArn(logging.getRoleArn())
                .build());

        LambdaDataSource dataSource = api.addLambdaDataSource("Resolver", resolver.live());
        for (String field : fieldsOf(schemaFile, fields.typeName())) {
            // no request or response mapping template: a direct Lambda resolver
            dataSource.createResolver(fields.typeName() + field.substring(0, 1).toUpperCase() + field.substring(1),
                    BaseResolverProps.builder().typeName(fields.typeName()).fieldName(field).build());
        }

        NagSuppressions.addResourceSuppressions(api, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-ASC3")
                .reason("Logging is on: errors of every field, with the request id, to CloudWatch Logs through a role, "
                        + "and X-Ray traces of every request. The rule also wants verbose content, which writes "
                        + "request headers (the callers' bearer tokens) and results (attendees' data) into the logs: "
                        + "excluded on purpose.")
                .build()), true);
    }

    GraphqlApi api() {
        return api;
    }

    /** The fields of {@code type} in the schema file, in the file's order. */
    static List<String> fieldsOf(Path schemaFile, String type) {
        TypeDefinitionRegistry types;
        try {
            types = new SchemaParser().parse(Files.readString(schemaFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the GraphQL schema " + schemaFile, e);
        }
        return types.getType(type, ObjectTypeDefinition.class)
                .orElseThrow(() -> new IllegalStateException(schemaFile + " defines no type " + type))
                .getFieldDefinitions().stream().map(FieldDefinition::getName).toList();
    }
}
