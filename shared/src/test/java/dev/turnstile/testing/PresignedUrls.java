package dev.turnstile.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What S3 checks on a presigned GET URL, written out for tests because the S3 stand-in checks no
 * signature: the SigV4 query-string signature over method, path, query (expiry included) and host,
 * and that the URL has not expired. Written from the SigV4 specification, independently of the SDK
 * that signs, so a test that accepts a genuine URL and refuses a tampered one tests the signing code.
 */
public final class PresignedUrls {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private PresignedUrls() {
    }

    /** The query parameters of a URL, still percent-encoded, in order. */
    public static Map<String, String> query(URI url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return params;
    }

    /** The instant the URL stops working: its signing time plus X-Amz-Expires. */
    public static Instant expiresAt(URI url) {
        Map<String, String> q = query(url);
        return AMZ_DATE.parse(q.get("X-Amz-Date"), Instant::from).plusSeconds(Long.parseLong(q.get("X-Amz-Expires")));
    }

    /** Whether S3 would serve this URL at {@code now} for the holder of these credentials. */
    public static boolean valid(URI url, String accessKeyId, String secretKey, Instant now) {
        Map<String, String> q = query(url);
        String credential = q.get("X-Amz-Credential").replace("%2F", "/");
        String[] scope = credential.split("/", 2); // accessKeyId / date/region/service/aws4_request
        if (!scope[0].equals(accessKeyId) || !"AWS4-HMAC-SHA256".equals(q.get("X-Amz-Algorithm"))) {
            return false;
        }
        long expires = Long.parseLong(q.get("X-Amz-Expires"));
        if (expires > 604_800 || !now.isBefore(expiresAt(url))) {
            return false;
        }
        String canonicalQuery = q.entrySet().stream().filter(e -> !e.getKey().equals("X-Amz-Signature"))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        String host = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
        String signedHeaders = q.get("X-Amz-SignedHeaders");
        if (!"host".equals(signedHeaders)) {
            return false; // a GET link signs its host only; anything else is not what we hand out
        }
        String canonicalRequest = String.join("\n", "GET", url.getRawPath(), canonicalQuery, "host:" + host, "",
                signedHeaders, "UNSIGNED-PAYLOAD");
        String[] parts = scope[1].split("/"); // date, region, service, aws4_request
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", q.get("X-Amz-Date"), scope[1],
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), parts[0]);
        key = hmac(key, parts[1]);
        key = hmac(key, parts[2]);
        key = hmac(key, parts[3]);
        byte[] expected = hmac(key, stringToSign);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(q.get("X-Amz-Signature")));
    }

    /** The URL with one query parameter's value replaced, as a tamperer would. */
    public static URI withParameter(URI url, String name, String value) {
        String query = Arrays.stream(url.getRawQuery().split("&"))
                .map(p -> p.startsWith(name + "=") ? name + "=" + value : p)
                .collect(Collectors.joining("&"));
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + "?" + query);
    }

    /** The URL with another path (another object), same signature. */
    public static URI withPath(URI url, String rawPath) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + rawPath + "?" + url.getRawQuery());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
