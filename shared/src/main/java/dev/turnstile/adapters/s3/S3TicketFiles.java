package dev.turnstile.adapters.s3;

import dev.turnstile.registration.TicketFiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Ticket PDFs in one S3 bucket, handed out as SigV4-presigned GET URLs. The client and the presigner
 * are built once (at init in a Lambda) with the region and credentials given explicitly and the
 * URL-connection HTTP client (no Netty, no Apache client in the Lambda jars).
 *
 * <p>A presigned URL carries its own expiry ({@code X-Amz-Expires}) inside what is signed: changing
 * it, the key or the bucket breaks the signature, and S3 refuses it. It also can outlive nothing
 * it was signed with: in AWS the function's role credentials are temporary, so a link stops working
 * at its expiry or when those credentials expire, whichever comes first (docs/ticket-codes.md).
 */
public final class S3TicketFiles implements TicketFiles, AutoCloseable {

    /** The bucket's default (SSE-S3, see the data stack) requested explicitly on every object. */
    static final ServerSideEncryption ENCRYPTION = ServerSideEncryption.AES256;

    /** The stand-in checks no signature; these only make requests well-formed. */
    public static final String LOCAL_ACCESS_KEY_ID = "turnstile-local";
    public static final String LOCAL_SECRET_KEY = "turnstile-local-secret";

    private final String bucket;
    private final S3Client s3;
    private final S3Presigner presigner;

    private S3TicketFiles(String bucket, Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this.bucket = bucket;
        var client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        var presign = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials);
        endpoint.ifPresent(uri -> {
            // stand-ins answer on one host: path-style URLs (http://host/bucket/key), not bucket.host
            client.endpointOverride(uri).forcePathStyle(true);
            presign.endpointOverride(uri)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        });
        this.s3 = client.build();
        this.presigner = presign.build();
    }

    /** The tickets bucket in AWS. */
    public static S3TicketFiles inAws(String bucket, Region region, AwsCredentialsProvider credentials) {
        return new S3TicketFiles(bucket, region, credentials, Optional.empty());
    }

    /** The tickets bucket on an S3-compatible endpoint (the local stand-in), with throw-away credentials. */
    public static S3TicketFiles atEndpoint(URI endpoint, String bucket) {
        return new S3TicketFiles(bucket, Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_KEY)),
                Optional.of(endpoint));
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void store(String key, byte[] pdf, String fileName) {
        s3.putObject(request -> request.bucket(bucket).key(key)
                        .contentType("application/pdf")
                        .contentDisposition("attachment; filename=\"" + fileName.replace("\"", "") + "\"")
                        // the link is the credential: no shared cache may keep what it fetched
                        .cacheControl("private, no-store")
                        .serverSideEncryption(ENCRYPTION),
                RequestBody.fromBytes(pdf));
    }

    @Override
    public Link link(String key, Duration validFor) {
        PresignedGetObjectRequest presigned = presign(key, validFor);
        // S3 counts X-Amz-Expires from X-Amz-Date, the signing time cut to the second; the SDK's
        // expiration() keeps the fraction, which would promise up to a second too much
        return new Link(toUri(presigned), presigned.expiration().truncatedTo(ChronoUnit.SECONDS));
    }

    /** The presigned request itself, for tests of what is signed. */
    PresignedGetObjectRequest presign(String key, Duration validFor) {
        return presigner.presignGetObject(request -> request
                .signatureDuration(validFor)
                .getObjectRequest(get -> get.bucket(bucket).key(key)));
    }

    private static URI toUri(PresignedGetObjectRequest presigned) {
        try {
            return presigned.url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The presigner produced an invalid URL", e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
