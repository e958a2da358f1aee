package dev.turnstile.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every catalogue module's code is its shaded {@code *-lambda.jar}, found the same way for each. */
class LambdaArtifactsTest {

    @TempDir
    Path repo;

    @Test
    void eachModuleResolvesToItsShadedJarAndNotToThePlainOrOriginalOne() throws IOException {
        Path api = jar("functions/api", "turnstile-functions-api-0.1.0-SNAPSHOT-lambda.jar");
        jar("functions/api", "turnstile-functions-api-0.1.0-SNAPSHOT.jar");
        Path workers = jar("functions/workers", "turnstile-functions-workers-0.1.0-SNAPSHOT-lambda.jar");
        jar("functions/workers", "turnstile-functions-workers-0.1.0-SNAPSHOT.jar");
        jar("functions/workers", "original-turnstile-functions-workers-0.1.0-SNAPSHOT.jar");

        LambdaArtifacts artifacts = LambdaArtifacts.builtIn(repo);

        assertThat(artifacts.forModule("functions/api")).isEqualTo(api);
        assertThat(artifacts.forModule("functions/workers")).isEqualTo(workers);
    }

    @Test
    void everyCatalogueModuleResolvesOnceItsJarIsBuilt() throws IOException {
        for (FunctionSpec spec : FunctionCatalogue.all()) {
            String artifact = "turnstile-" + spec.module().replace('/', '-') + "-0.1.0-SNAPSHOT-lambda.jar";
            if (!Files.exists(repo.resolve(spec.module()).resolve("target").resolve(artifact))) {
                jar(spec.module(), artifact);
            }
        }

        LambdaArtifacts artifacts = LambdaArtifacts.builtIn(repo);

        for (FunctionSpec spec : FunctionCatalogue.all()) {
            assertThat(artifacts.forModule(spec.module()).getFileName().toString()).as(spec.name())
                    .isEqualTo("turnstile-" + spec.module().replace('/', '-') + "-0.1.0-SNAPSHOT-lambda.jar");
        }
    }

    @Test
    void aModuleNotBuiltYetSaysWhatToRun() {
        assertThatThrownBy(() -> LambdaArtifacts.builtIn(repo).forModule("functions/workers"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("functions/workers/target")
                .hasMessageContaining("./mvnw package");
    }

    private Path jar(String module, String name) throws IOException {
        Path target = Files.createDirectories(repo.resolve(module).resolve("target"));
        return Files.writeString(target.resolve(name), "jar");
    }
}
