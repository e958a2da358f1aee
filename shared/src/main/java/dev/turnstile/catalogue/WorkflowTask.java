package dev.turnstile.catalogue;

/**
 * A workflow whose task states invoke a function: a Step Functions state machine in AWS (a Lambda
 * invoke task on the function's live alias), the in-process runner locally (a direct call of the
 * same handler class). The function receives {@code {"step", "orgId", "registrationId"}} and
 * answers with the step's outcome; the workflow decides what runs next from it.
 */
public record WorkflowTask(String workflow, String purpose) {

    /** The payment workflow: from a started payment until the registration is paid or its hold released. */
    public static final String PAYMENT = "payment";

    /*
     * How a failed task is retried, the same in both runners: the first retry after
     * RETRY_INTERVAL_SECONDS, each next one BACKOFF_RATE times later, MAX_RETRIES in all; then the
     * workflow's catch path takes over.
     */
    public static final int RETRY_INTERVAL_SECONDS = 2;
    public static final double BACKOFF_RATE = 2.0;
    public static final int MAX_RETRIES = 3;

    public WorkflowTask {
        if (!workflow.matches("[a-z][a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("Workflow names are lower-case with hyphens: " + workflow);
        }
    }
}
