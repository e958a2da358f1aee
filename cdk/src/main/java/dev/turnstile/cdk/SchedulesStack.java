package dev.turnstile.cdk;

import java.util.ArrayList;
import java.util.List;

import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.scheduler.ScheduleGroup;
import software.constructs.Construct;

/**
 * The scheduled functions ({@link FunctionCatalogue#scheduled()}): one Lambda per entry, built like
 * the API's, and per entry a {@link FunctionSchedules}: one EventBridge Scheduler schedule per
 * catalogue {@code Schedule}, invoking the function's live alias, with a retry policy and a
 * dead-letter queue. Nothing here lists a function or an expression by hand.
 */
public final class SchedulesStack extends Stack {

    private final ScheduleGroup group;
    private final List<FunctionSchedules> functions = new ArrayList<>();
    private final List<CatalogueFunction> lambdas = new ArrayList<>();

    public SchedulesStack(Construct scope, String id, StackProps props, IUserPool userPool, LambdaArtifacts artifacts,
                    DataStack.DatabaseAccess database) {
        super(scope, id, props);

        // The invoker roles trust EventBridge Scheduler only for schedules of this group, so a
        // schedule created elsewhere in the account cannot borrow them. The group holds nothing
        // but this stack's schedules, hence it goes with the stack.
        group = ScheduleGroup.Builder.create(this, "Group")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        for (FunctionSpec spec : FunctionCatalogue.scheduled()) {
            Code code = Code.fromAsset(artifacts.forModule(spec.module()).toString());
            // the same environment as the HTTP functions: Services.fromEnvironment() requires it
            CatalogueFunction function = new CatalogueFunction(this, spec, code,
                    CatalogueFunction.issuerEnvironment(userPool), database);
            lambdas.add(function);
            functions.add(new FunctionSchedules(this, function, group));
        }
    }

    public ScheduleGroup group() {
        return group;
    }

    /** The deployed functions, for alarms and dashboards. */
    public List<software.amazon.awscdk.services.lambda.Function> lambdas() {
        return lambdas.stream().map(CatalogueFunction::function).toList();
    }

    /** Each scheduled function's dead-letter queue. */
    public List<software.amazon.awscdk.services.sqs.IQueue> deadLetterQueues() {
        return functions.stream().map(f -> (software.amazon.awscdk.services.sqs.IQueue) f.deadLetterQueue()).toList();
    }

    List<FunctionSchedules> functions() {
        return List.copyOf(functions);
    }
}
