package dev.turnstile.cdk;

import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.secretsmanager.Secret;
import java.util.List;
import java.util.Map;

import dev.turnstile.catalogue.Resource;
import dev.turnstile.catalogue.FunctionSpec;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.DefaultAuthScheme;
import software.amazon.awscdk.services.rds.ProxyTarget;
import software.amazon.awscdk.services.rds.ServerlessV2ClusterInstanceProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NoncurrentVersionTransition;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

/**
 * Where Turnstile's data lives, drawn as the architecture diagram draws it: a VPC; in its isolated
 * subnets Aurora PostgreSQL Serverless v2 (the system of record) behind RDS Proxy; a DynamoDB table
 * for hot check-in state; S3 buckets for tickets, media and exports. The migration step runs here,
 * after the cluster exists and before any stack that deploys functions (they depend on this one).
 */
public final class DataStack extends Stack {

    public static final String DATABASE_NAME = "turnstile";
    /** The LOGIN role the functions use; created by the migrations (beforeMigrate.sql). */
    public static final String APP_USER = "turnstile_app";
    static final String OWNER_USER = "turnstile_owner";
    static final int POSTGRES_PORT = 5432;
    static final String CLUSTER_IDENTIFIER = "turnstile";
    static final String VPC_CIDR = "10.40.0.0/16";

    private final Vpc vpc;
    private final SecurityGroup functionsSecurityGroup;
    private final DatabaseCluster cluster;
    private final DatabaseProxy proxy;
    private final Function migrate;
    private final Trigger migration;
    private final Table checkIns;
    private final Bucket accessLogs;
    private final Bucket tickets;
    private final Bucket media;
    private final Bucket exports;
    private final Secret keySealing;
    /** The provider credentials, granted to the functions whose catalogue entry names them (not used by this stack). */
    private final SecretsStack secrets;

    public DataStack(Construct scope, String id, StackProps props, LambdaArtifacts artifacts, SecretsStack secrets) {
        super(scope, id, props);
        this.secrets = secrets;

        vpc = buildVpc();
        functionsSecurityGroup = SecurityGroup.Builder.create(this, "FunctionsSecurityGroup")
                .vpc(vpc)
                .description("Turnstile functions: no inbound; out to RDS Proxy, the endpoints and (through NAT) HTTPS")
                .allowAllOutbound(true)
                .build();

        cluster = buildCluster();
        proxy = buildProxy();
        proxy.getConnections().allowFrom(functionsSecurityGroup, Port.tcp(POSTGRES_PORT), "Turnstile functions to RDS Proxy");

        migrate = migrateFunction(artifacts);
        // runs on every deploy whose migration jar changed; a failed run fails the deploy
        migration = Trigger.Builder.create(this, "Migration")
                .handler(migrate)
                .executeAfter(List.of(cluster))
                .timeout(Duration.minutes(10))
                .build();

        checkIns = withIndex(checkInTable());
        accessLogs = accessLogBucket();
        tickets = bucket("Tickets", true, List.of());
        media = bucket("Media", true, List.of());
        exports = bucket("Exports", false, List.of(LifecycleRule.builder()
                .id("ExportsExpireAfter30Days")
                .expiration(Duration.days(30))
                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                .build()));

        // seals the events' ticket signing keys before they are stored in the database (docs/ticket-codes.md)
        keySealing = Secret.Builder.create(this, "TicketKeySealing")
                .secretName("turnstile/ticket-key-sealing")
                .description("Key that seals ticket signing keys at rest; rotating it needs a re-seal of stored keys")
                .generateSecretString(SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(keySealing, List.of(NagPackSuppression.builder().id("AwsSolutions-SMG4")
                .reason("Every stored ticket signing key is sealed under this key: an automatic rotation would leave "
                        + "them unreadable. It is rotated by a re-seal run that opens with the old and seals with the new.")
                .build()));

        CfnOutput.Builder.create(this, "ProxyEndpoint").value(proxy.getEndpoint()).build();
        CfnOutput.Builder.create(this, "ClusterArn").value(cluster.getClusterArn()).build();
    }

    /** What a function needs to reach the database: its place in the VPC, its settings, its grant. */
    public DatabaseAccess databaseAccess() {
        return new DatabaseAccess(this);
    }

    public record DatabaseAccess(DataStack data) {

        Vpc vpc() {
            return data.vpc;
        }

        SubnetSelection subnets() {
            return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
        }

        SecurityGroup securityGroup() {
            return data.functionsSecurityGroup;
        }

        /**
         * What {@code Services.fromEnvironment()} reads to log in through the proxy with IAM tokens,
         * and where the key that seals ticket signing keys is (read at init, never put in the environment).
         */
        Map<String, String> environment() {
            return Map.of(
                    "TURNSTILE_DB_URL", "jdbc:postgresql://" + data.proxy.getEndpoint() + ":" + POSTGRES_PORT + "/"
                            + DATABASE_NAME + "?sslmode=require",
                    "TURNSTILE_DB_USER", APP_USER,
                    "TURNSTILE_DB_IAM_AUTH", "true",
                    "TURNSTILE_KEY_SEALING_SECRET_ARN", data.keySealing.getSecretArn(),
                    // Services.fromEnvironment() builds the door's ports in every function
                    "TURNSTILE_CHECKINS_TABLE", data.checkIns.getTableName(),
                    "TURNSTILE_EVENT_BUS", AsyncStack.BUS_NAME);
        }

        /** What the catalogue says the function touches besides PostgreSQL, each with the fewest actions it needs. */
        void grantResources(FunctionSpec spec, software.amazon.awscdk.services.iam.Role function) {
            for (Resource resource : spec.uses()) {
                switch (resource) {
                    // the scan path and the door's refresh: item reads and conditional writes, the admissions index
                    // the table and its one index by name: Table.grant would add index/* (AwsSolutions-IAM5)
                    case DOOR_TABLE -> function.getGrantPrincipal().addToPrincipalPolicy(
                            software.amazon.awscdk.services.iam.PolicyStatement.Builder.create()
                                    .actions(java.util.List.of("dynamodb:GetItem", "dynamodb:UpdateItem",
                                            "dynamodb:DeleteItem", "dynamodb:Query"))
                                    .resources(java.util.List.of(data.checkIns.getTableArn(),
                                            data.checkIns.getTableArn() + "/index/" + CHECK_INS_INDEX))
                                    .build());
                    case EVENT_BUS -> function.getGrantPrincipal().addToPrincipalPolicy(
                            software.amazon.awscdk.services.iam.PolicyStatement.Builder.create()
                                    .actions(java.util.List.of("events:PutEvents"))
                                    .resources(java.util.List.of(Stack.of(data).formatArn(
                                            software.amazon.awscdk.ArnComponents.builder().service("events")
                                                    .resource("event-bus").resourceName(AsyncStack.BUS_NAME).build())))
                                    .build());
                    case TICKET_FILES -> data.grantTicketFiles(function);
                    // read, and only read, the two provider secrets (not the webhook-signing one); no DescribeSecret
                    case PAYMENT_SECRETS -> function.addToPrincipalPolicy(PolicyStatement.Builder.create()
                            .sid("PaymentProviderSecrets")
                            .actions(List.of("secretsmanager:GetSecretValue"))
                            .resources(List.of(data.secrets.stripe().getSecretArn(), data.secrets.payPal().getSecretArn()))
                            .build());
                    case PAYMENT_WORKFLOW -> function.addToPrincipalPolicy(PolicyStatement.Builder.create()
                            .sid("StartPaymentWorkflow")
                            .actions(List.of("states:StartExecution"))
                            .resources(List.of(PaymentWorkflowStack.stateMachineArn(Stack.of(data))))
                            .build());
                    // the WebSocket API's stage lives in the WebSocket stack, which grants this on that API only
                    case WEBSOCKET_CONNECTIONS -> {
                    }
                }
            }
        }

        /** {@code rds-db:connect} as {@value #APP_USER}, on the proxy only; read on the sealing secret. */
        void grantConnect(IGrantable function) {
            data.proxy.grantConnect(function, APP_USER);
            data.keySealing.grantRead(function);
        }

        /**
         * The variables naming the stores beyond PostgreSQL that the function's catalogue entry lists
         * ({@code Services.fromEnvironment(FunctionSpec)} requires exactly these).
         */
        Map<String, String> environment(FunctionSpec spec) {
            Map<String, String> variables = new java.util.TreeMap<>();
            if (spec.uses(Resource.TICKET_FILES)) {
                variables.put(Resource.TICKET_FILES.environmentVariable().orElseThrow(), data.tickets.getBucketName());
            }
            if (spec.uses(Resource.PAYMENT_SECRETS)) {
                // the names PaymentConfiguration reads; the values are the secrets' ARNs, never their contents
                variables.put(Resource.PAYMENT_SECRET_VARIABLES.get(0), data.secrets.stripe().getSecretArn());
                variables.put(Resource.PAYMENT_SECRET_VARIABLES.get(1), data.secrets.payPal().getSecretArn());
            }
            if (spec.uses(Resource.PAYMENT_WORKFLOW)) {
                variables.put(Resource.PAYMENT_WORKFLOW.environmentVariable().orElseThrow(),
                        PaymentWorkflowStack.stateMachineArn(Stack.of(data)));
            }
            return variables;
        }
    }

    /** The object key prefix of ticket PDFs ({@code TicketPdfKey}): tickets/{org}/{event}/{registration}/... */
    static final String TICKET_PDF_PREFIX = "tickets/";

    /**
     * Ticket PDFs: write and read objects under {@value #TICKET_PDF_PREFIX} (the presigned links are
     * signed with the function's role, so GetObject is what lets a link's holder download), and list
     * the bucket, without which S3 answers HeadObject on a missing PDF with 403 instead of 404 and the
     * function could not tell "not rendered yet" from "forbidden". Nothing else: no delete, no ACLs.
     */
    private void grantTicketFiles(software.amazon.awscdk.services.iam.Role function) {
        function.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("TicketPdfObjects")
                .actions(List.of("s3:GetObject", "s3:PutObject"))
                .resources(List.of(tickets.arnForObjects(TICKET_PDF_PREFIX + "*")))
                .build());
        function.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("TicketPdfExistence")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(tickets.getBucketArn()))
                .build());
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Ticket PDFs are objects under " + TICKET_PDF_PREFIX + " in the tickets bucket, one per "
                        + "registration and version, named at run time: the grant names that prefix, and only "
                        + "GetObject and PutObject on it.")
                .appliesTo(List.of(io.github.cdklabs.cdknag.RegexAppliesTo.builder()
                        .regex("/^Resource::.*\\/" + TICKET_PDF_PREFIX.replace("/", "") + "\\/\\*$/")
                        .build()))
                .build()), true);
    }

    /** The bucket of ticket PDFs. */
    public Bucket tickets() {
        return tickets;
    }

    public Vpc vpc() {
        return vpc;
    }

    public DatabaseCluster cluster() {
        return cluster;
    }

    public DatabaseProxy proxy() {
        return proxy;
    }

    public Trigger migration() {
        return migration;
    }

    public Table checkIns() {
        return checkIns;
    }

    public List<Bucket> buckets() {
        return List.of(tickets, media, exports);
    }

    public Bucket accessLogs() {
        return accessLogs;
    }

    /**
     * Two AZs. Functions sit in private subnets with egress through one NAT gateway; the database,
     * proxy and endpoints in isolated subnets. S3 and DynamoDB are reached through (free) gateway
     * endpoints, Secrets Manager through an interface endpoint; see docs/infrastructure.md for why
     * a NAT gateway remains (Cognito's JWKS, Stripe, PayPal).
     */
    private Vpc buildVpc() {
        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .build();
        Vpc network = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(VPC_CIDR))
                .maxAzs(2)
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("functions").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(22).build(),
                        SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED)
                                .cidrMask(24).build()))
                .restrictDefaultSecurityGroup(true)
                .gatewayEndpoints(Map.of(
                        "S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build(),
                        "DynamoDb", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.DYNAMODB).build()))
                .flowLogs(Map.of("All", FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .trafficType(FlowLogTrafficType.ALL)
                        .build()))
                .build();
        SecurityGroup endpoints = SecurityGroup.Builder.create(this, "EndpointsSecurityGroup")
                .vpc(network)
                .description("Interface endpoints: HTTPS from inside the VPC only")
                .allowAllOutbound(false)
                .build();
        endpoints.addIngressRule(Peer.ipv4(VPC_CIDR), Port.tcp(443), "HTTPS from the VPC");
        network.addInterfaceEndpoint("SecretsManager", InterfaceVpcEndpointOptions.builder()
                .service(InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
                .securityGroups(List.of(endpoints))
                .open(false)
                .subnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .privateDnsEnabled(true)
                .build());
        return network;
    }

    private DatabaseCluster buildCluster() {
        DatabaseCluster db = DatabaseCluster.Builder.create(this, "Database")
                .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                        .version(AuroraPostgresEngineVersion.VER_15_17)
                        .build()))
                .writer(ClusterInstance.serverlessV2("Writer", ServerlessV2ClusterInstanceProps.builder()
                        .autoMinorVersionUpgrade(true)
                        .build()))
                // a second instance in the other AZ: failover target during a ticket drop
                .readers(List.of(ClusterInstance.serverlessV2("Reader", ServerlessV2ClusterInstanceProps.builder()
                        .scaleWithWriter(true)
                        .autoMinorVersionUpgrade(true)
                        .build())))
                .serverlessV2MinCapacity(0.5)
                .serverlessV2MaxCapacity(16)
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .credentials(Credentials.fromGeneratedSecret(OWNER_USER))
                .defaultDatabaseName(DATABASE_NAME)
                .storageEncrypted(true)
                .iamAuthentication(true)
                .enableDataApi(true)
                .backup(BackupProps.builder().retention(Duration.days(14)).preferredWindow("02:00-03:00").build())
                .preferredMaintenanceWindow("sun:03:30-sun:04:30")
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .clusterIdentifier(CLUSTER_IDENTIFIER)
                .cloudwatchLogsExports(List.of("postgresql"))
                .build();
        // our own log group (retention without CDK's log-retention Lambda); it must exist before
        // RDS starts exporting, or RDS creates it without retention
        LogGroup postgresLogs = LogGroup.Builder.create(this, "DatabaseLogs")
                .logGroupName("/aws/rds/cluster/" + CLUSTER_IDENTIFIER + "/postgresql")
                .retention(RetentionDays.THREE_MONTHS)
                .build();
        db.getNode().addDependency(postgresLogs);
        db.addRotationSingleUser();
        NagSuppressions.addResourceSuppressions(db, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-RDS11")
                .reason("RDS Proxy listens on PostgreSQL's port 5432 whatever the cluster uses, so a different "
                        + "cluster port would hide nothing; the cluster is in isolated subnets and its security "
                        + "group admits only the proxy, the migration step and the secret rotation.")
                .build()), true);
        return db;
    }

    /**
     * TLS required; clients log in with IAM tokens and the proxy logs in to the database with IAM
     * too (end-to-end IAM: no database password for {@value #APP_USER} exists anywhere).
     */
    private DatabaseProxy buildProxy() {
        SecurityGroup proxySecurityGroup = SecurityGroup.Builder.create(this, "ProxySecurityGroup")
                .vpc(vpc)
                .description("RDS Proxy: in from the functions, out to the cluster")
                .allowAllOutbound(false)
                .build();
        DatabaseProxy databaseProxy = DatabaseProxy.Builder.create(this, "Proxy")
                .proxyTarget(ProxyTarget.fromCluster(cluster))
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .securityGroups(List.of(proxySecurityGroup))
                .requireTls(true)
                .iamAuth(true)
                .defaultAuthScheme(DefaultAuthScheme.IAM_AUTH)
                .idleClientTimeout(Duration.minutes(15))
                .build();
        proxySecurityGroup.getConnections().allowTo(cluster, Port.tcp(POSTGRES_PORT), "RDS Proxy to the cluster");
        return databaseProxy;
    }

    /** The deploy-time migration: in the VPC, reads the owner's secret, talks to the cluster directly. */
    private Function migrateFunction(LambdaArtifacts artifacts) {
        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "MigrationSecurityGroup")
                .vpc(vpc)
                .description("Migration step: out to the cluster and the Secrets Manager endpoint")
                .allowAllOutbound(true)
                .build();
        cluster.getConnections().allowDefaultPortFrom(securityGroup, "Migration step to the cluster");
        LogGroup logGroup = LogGroup.Builder.create(this, "MigrationLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .build();
        Role role = Role.Builder.create(this, "MigrationRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the deploy-time database migrations as the schema owner")
                .build();
        logGroup.grantWrite(role);
        CatalogueFunction.allowVpcNetworkInterfaces(role);
        Function function = Function.Builder.create(this, "MigrationFunction")
                .description("Deploy step: Flyway migrations as " + OWNER_USER + "; not a catalogue function")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler("dev.turnstile.functions.workers.MigrateFunction::handleRequest")
                .code(Code.fromAsset(artifacts.forModule("functions/workers").toString()))
                .memorySize(1024)
                .timeout(Duration.minutes(5))
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .environment(Map.of(
                        "TURNSTILE_DB_OWNER_SECRET_ARN", cluster.getSecret().getSecretArn(),
                        "TURNSTILE_DB_HOST", cluster.getClusterEndpoint().getHostname(),
                        "TURNSTILE_DB_PORT", String.valueOf(POSTGRES_PORT),
                        "TURNSTILE_DB_NAME", DATABASE_NAME,
                        "TURNSTILE_DB_APP_USER", APP_USER))
                .build();
        cluster.getSecret().grantRead(role);
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("The VPC network-interface actions Lambda needs to place the function in the VPC "
                        + "(ec2:CreateNetworkInterface and friends) are checked by Lambda on '*', as in "
                        + "AWSLambdaVPCAccessExecutionRole; Describe* has no resource-level permissions.")
                .appliesTo(List.of("Resource::*"))
                .build()), true);
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-L1")
                .reason("Turnstile targets Java 21 throughout (maven.compiler.release 21 in the parent pom); "
                        + "the migration step runs the same jar as the worker functions.")
                .build()));
        return function;
    }

    /**
     * Hot check-in state. Generic single-table keys ({@code pk}/{@code sk}, one GSI on
     * {@code gsi1pk}/{@code gsi1sk}): the check-in issue designs the items.
     */
    /** The admissions index of the check-in table (docs/check-in.md). */
    static final String CHECK_INS_INDEX = "gsi1";

    private Table checkInTable() {
        return Table.Builder.create(this, "CheckIns")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                // dashboard connection items expire on their own (a gateway may drop one without $disconnect)
                .timeToLiveAttribute("exp")
                .build();
    }

    private Table withIndex(Table table) {
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(CHECK_INS_INDEX)
                .partitionKey(Attribute.builder().name("gsi1pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("gsi1sk").type(AttributeType.STRING).build())
                .build());
        return table;
    }

    /** S3 server access logs of the other buckets; kept a year. */
    private Bucket accessLogBucket() {
        Bucket logs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().id("LogsExpireAfterOneYear")
                        .expiration(Duration.days(365)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(logs, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("This is the access-log bucket of the data buckets; logging its own access would "
                        + "write a log record for every log delivery, without end.")
                .build()));
        return logs;
    }

    private Bucket bucket(String id, boolean versioned, List<LifecycleRule> rules) {
        var lifecycle = new java.util.ArrayList<>(rules);
        if (versioned) {
            // old versions are the undo of an overwrite or delete, not an archive
            lifecycle.add(LifecycleRule.builder().id("OldVersions")
                    .noncurrentVersionTransitions(List.of(NoncurrentVersionTransition.builder()
                            .storageClass(StorageClass.INFREQUENT_ACCESS)
                            .transitionAfter(Duration.days(30)).build()))
                    .noncurrentVersionExpiration(Duration.days(90))
                    .build());
        }
        return Bucket.Builder.create(this, id)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(versioned)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix(id.toLowerCase() + "/")
                .lifecycleRules(lifecycle)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }
}
