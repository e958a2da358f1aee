package dev.turnstile.catalogue;

/**
 * A store beyond PostgreSQL (which every function uses) that a function reads or writes. The CDK app
 * grants a function exactly the stores its catalogue entry names and gives it their environment
 * variables; {@code Services.fromEnvironment(FunctionSpec)} connects to exactly those, and fails at init
 * if a variable is missing.
 */
public enum DataStore {

    /** The tickets bucket: rendered ticket PDFs, written and read, handed out as presigned links. */
    TICKET_FILES("TURNSTILE_TICKETS_BUCKET");

    private final String environmentVariable;

    DataStore(String environmentVariable) {
        this.environmentVariable = environmentVariable;
    }

    /** The variable that names the store's resource (a bucket name, a table name). */
    public String environmentVariable() {
        return environmentVariable;
    }
}
