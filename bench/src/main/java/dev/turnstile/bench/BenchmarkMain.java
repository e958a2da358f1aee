package dev.turnstile.bench;

import java.util.function.Function;

/** What every benchmark's {@code main} does before it measures anything. */
final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /** Logs only at {@code level} and above unless the caller set a level: the figures are the output. */
    static void quietLogs(String level) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", level));
    }

    /**
     * The parsed options, or the process ends: with the usage and status 0 when help was asked for
     * (the parser throws with an empty message), with the problem, the usage and status 2 otherwise.
     */
    static <O> O optionsOrExit(String command, String usage, String[] args, Function<String[], O> parse) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(command + ": " + e.getMessage());
            }
            System.err.print(usage);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            throw e; // not reached
        }
    }
}
