package dev.turnstile.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One scanner's HTTP/1.1 connection, kept open from scan to scan as a door scanner's would be.
 * Small for the same reason as {@link OneShotHttp}: client and server share two cores, and a heavy
 * client would measure itself.
 */
final class KeepAliveHttp implements AutoCloseable {

    record Response(int status, String body, boolean retried) {
        Response(int status, String body) {
            this(status, body, false);
        }
    }

    private final URI base;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveHttp(URI base, int timeoutMillis) {
        this.base = base;
        this.timeoutMillis = timeoutMillis;
    }

    /** The full request bytes (keep-alive), prepared before the clock starts. */
    static byte[] post(URI uri, String bearer, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Authorization: Bearer " + bearer + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /**
     * Sends the request on the open connection (opening it first if needed) and reads one response.
     * A kept-alive connection the server closed while idle (the JDK server keeps at most 200 idle
     * ones) fails before any answer: the request is sent once more on a fresh connection, as HTTP
     * clients do. {@code retried} says so; the caller's request must be idempotent (a scan id is).
     */
    Response exchange(byte[] request) throws IOException {
        boolean reused = socket != null;
        try {
            return once(request);
        } catch (IOException stale) {
            if (!reused) {
                throw stale;
            }
            Response again = once(request);
            return new Response(again.status(), again.body(), true);
        }
    }

    private Response once(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            close(); // the next exchange opens a fresh connection
            throw e;
        }
    }

    private Response read() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response's head ended");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        if (!text.startsWith("HTTP/1.1 ")) {
            throw new IOException("Not an HTTP response: " + text.substring(0, Math.min(40, text.length())));
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String lower = text.toLowerCase(Locale.ROOT);
        int lengthAt = lower.indexOf("\r\ncontent-length:");
        if (lengthAt < 0) {
            if (lower.contains("transfer-encoding: chunked")) {
                throw new IOException("chunked responses are not expected from the check-in route");
            }
            return new Response(status, "");
        }
        int lineEnd = lower.indexOf("\r\n", lengthAt + 2);
        int length = Integer.parseInt(lower.substring(lengthAt + 17, lineEnd).strip());
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection closed inside the response body");
        }
        if (lower.contains("\r\nconnection: close")) {
            close();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
