package dev.turnstile.standins;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 for tests and the local runtime: Adobe's S3Mock (Apache-2.0), a Spring Boot application run in
 * this JVM on a random loopback port, storing objects in a temporary folder. The AWS SDK talks to it
 * over HTTP with path-style addressing. It does <em>not</em> verify request signatures, so a presigned
 * URL's expiry and integrity are tested where the URL is signed, not here.
 *
 * <p>Starting it costs a few seconds (Spring Boot, Tomcat): tests share one per JVM through
 * {@link #shared()}; the local runtime starts its own.
 */
public final class S3Mock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3Mock.class);
    private static S3Mock shared;

    private final S3MockApplication application;
    private final Path root;
    private final int port;

    private S3Mock(S3MockApplication application, Path root) {
        this.application = application;
        this.root = root;
        this.port = application.getHttpPort();
    }

    /** Starts an S3Mock with the given buckets already created; blocks until it accepts requests. */
    public static S3Mock start(List<String> buckets) {
        Path root;
        try {
            root = Files.createTempDirectory("turnstile-s3mock-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create S3Mock's storage folder", e);
        }
        // S3MockApplication.start adds its defaults to this map: it must be mutable
        Map<String, Object> settings = new HashMap<>();
        settings.put(S3MockApplication.PROP_HTTP_PORT, Dynalite.freePort());
        settings.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT); // TLS too, unused
        settings.put("server.address", S3MockLoopbackOnly.LOOPBACK);
        settings.put(S3MockLoopbackOnly.MARK, true);
        settings.put("com.adobe.testing.s3mock.store.root", root.toString());
        settings.put("com.adobe.testing.s3mock.store.initial-buckets", String.join(",", buckets));
        settings.put("com.adobe.testing.s3mock.store.retain-files-on-exit", false);
        settings.put(S3MockApplication.PROP_SILENT, true);
        // this JVM's logging is slf4j-simple, not a Spring Boot logging system
        settings.put("spring.main.banner-mode", "off");
        S3MockApplication application;
        try {
            application = S3MockApplication.start(settings);
        } catch (RuntimeException | LinkageError e) {
            delete(root); // a failed start leaves no folder behind
            throw e;
        }
        S3Mock s3 = new S3Mock(application, root);
        log.info("S3Mock (S3 stand-in) listening at {} with buckets {}", s3.endpoint(), buckets);
        return s3;
    }

    /**
     * One S3Mock for the whole JVM, started on first use with the given buckets and stopped when the
     * JVM exits. Later callers get the same instance (their buckets are created on it by their own code).
     */
    public static synchronized S3Mock shared(List<String> buckets) {
        if (shared == null) {
            S3Mock started = start(buckets);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-s3mock"));
            shared = started;
        }
        return shared;
    }

    /** The endpoint to give the SDK client's {@code endpointOverride} (with path-style access). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            application.stop();
        } finally {
            delete(root);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete S3Mock's folder {}", root, e);
        }
    }
}
