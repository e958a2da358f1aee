package dev.turnstile.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the deployable artifact of each catalogue module lies ({@code FunctionSpec.module()}).
 * Kept apart from the stacks so that template tests can synthesize against a placeholder without
 * building the functions first.
 */
@FunctionalInterface
public interface LambdaArtifacts {

    /** The file or folder CDK uploads as the code of every function built from {@code module}. */
    Path forModule(String module);

    /**
     * The shaded jars {@code ./mvnw package} leaves in each module's {@code target/} folder
     * ({@code *-lambda.jar}). Looked up by suffix so that a version bump needs no change here.
     */
    static LambdaArtifacts builtIn(Path repoRoot) {
        return module -> {
            Path target = repoRoot.resolve(module).resolve("target");
            List<Path> jars;
            try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
                jars = files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (jars.size() != 1) {
                throw new IllegalStateException("Expected one *-lambda.jar in " + target + ", found " + jars
                        + ": run ./mvnw package from the repository root first");
            }
            return jars.getFirst();
        };
    }

    /** One artifact for every module: a placeholder for synth-only runs and tests. */
    static LambdaArtifacts same(Path artifact) {
        return module -> artifact;
    }
}
