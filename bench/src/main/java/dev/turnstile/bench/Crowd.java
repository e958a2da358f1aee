package dev.turnstile.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The crowd of a flash sale: N clients, each with its own connection and one request, driven by
 * one thread over one selector. A client per thread (virtual or not) cost the shared two cores a
 * poller registration, a park and an unpark per connect, write and read, i.e. several thousand
 * wake-ups per round spent by the load generator, not by the server under test; on a machine of
 * its own the crowd would cost the server nothing at all. Each client's clock starts when its own
 * connection is opened (fresh) or its request is written (open) and stops when the server has
 * closed the connection after the whole response, so time a client spends waiting for this loop
 * counts against the server, never for it.
 */
final class Crowd implements AutoCloseable {

    /** One client's outcome: status -1 and an error when it got no answer. */
    record Answer(int client, long sentNanos, long answeredNanos, int status, String body, String error) {
        double latencyMs() {
            return (answeredNanos - sentNanos) / 1e6;
        }
    }

    private static final int OPEN_PER_PASS = 64;

    private final InetSocketAddress server;
    private final List<byte[]> requests;
    private final Selector selector;
    private final Client[] clients;

    private Crowd(URI uri, List<byte[]> requests) throws IOException {
        this.server = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.requests = requests;
        this.selector = Selector.open();
        this.clients = new Client[requests.size()];
    }

    /**
     * A crowd whose clients connect when the sale opens, inside the measured time. Their sockets
     * are made before: a browser's socket is its own business, not the server's.
     */
    static Crowd fresh(URI uri, List<byte[]> requests) throws IOException {
        Crowd crowd = new Crowd(uri, requests);
        for (int i = 0; i < requests.size(); i++) {
            crowd.newClient(i);
        }
        return crowd;
    }

    /** A crowd whose clients are all connected before the sale opens (a browser showing the sale page). */
    static Crowd connected(URI uri, List<byte[]> requests) throws IOException {
        Crowd crowd = new Crowd(uri, requests);
        for (int i = 0; i < requests.size(); i++) {
            Client c = crowd.newClient(i);
            try {
                c.channel.configureBlocking(true);
                c.channel.connect(crowd.server);
                c.channel.configureBlocking(false);
                c.connected = true;
            } catch (IOException e) {
                c.fail(e);
            }
        }
        return crowd;
    }

    /**
     * Sends every request and waits for every answer or {@code timeoutMillis} after the start.
     * Connections are opened (or requests written) {@value #OPEN_PER_PASS} at a time between
     * passes over the answers that arrived meanwhile.
     */
    List<Answer> run(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int started = 0;
        int done = 0;
        while (done < clients.length) {
            for (int n = 0; n < OPEN_PER_PASS && started < clients.length; n++, started++) {
                done += start(started) ? 1 : 0;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (started < clients.length) {
                selector.selectNow();
            } else {
                selector.select(Math.max(1, left / 1_000_000L));
            }
            for (SelectionKey key : selector.selectedKeys()) {
                done += ready((Client) key.attachment()) ? 1 : 0;
            }
            selector.selectedKeys().clear();
        }
        long end = System.nanoTime();
        List<Answer> answers = new ArrayList<>(clients.length);
        for (int i = 0; i < clients.length; i++) {
            Client c = clients[i];
            if (c.answer == null && c.answeredAt == 0) {
                answers.add(new Answer(i, c.sent == 0 ? end : c.sent, end, -1, null, "timeout")); // 0: never started
            } else if (c.answer != null) {
                answers.add(c.answer);
            } else {
                OneShotHttp.Response r = OneShotHttp.parse(c.received.toByteArray());
                answers.add(new Answer(c.index, c.sent, c.answeredAt, r.status(), r.body(), null));
            }
        }
        return answers;
    }

    /** Opens client i's connection or writes its request; true if that already finished it (failed). */
    private boolean start(int i) {
        Client c = clients[i]; // made before the sale, by fresh or connected
        if (c.answer != null) {
            return true; // could not open or connect before the sale
        }
        c.sent = System.nanoTime();
        try {
            if (c.connected) {
                return write(c);
            }
            if (c.channel.connect(server)) {
                c.connected = true;
                return write(c);
            }
            c.channel.register(selector, SelectionKey.OP_CONNECT, c);
            return false;
        } catch (IOException e) {
            return c.fail(e);
        }
    }

    private Client newClient(int i) {
        Client c = new Client(i, requests.get(i));
        clients[i] = c;
        try {
            c.channel = SocketChannel.open();
            c.channel.configureBlocking(false);
            c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            c.fail(e);
        }
        return c;
    }

    /** Handles a ready key; true if the client is finished. */
    private boolean ready(Client c) {
        if (c.answer != null || c.answeredAt != 0) {
            return false;
        }
        try {
            if (!c.connected) {
                c.channel.finishConnect();
                c.connected = true;
                return write(c);
            }
            if (c.request.hasRemaining()) {
                return write(c);
            }
            return read(c);
        } catch (IOException | RuntimeException e) {
            return c.fail(e);
        }
    }

    private boolean write(Client c) throws IOException {
        c.channel.write(c.request);
        c.channel.register(selector, c.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ, c);
        return false;
    }

    private boolean read(Client c) throws IOException {
        ByteBuffer buffer = c.buffer;
        int n;
        while ((n = c.channel.read(buffer)) > 0) {
            c.received.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        if (n == 0) {
            return false;
        }
        // the server closed the connection: the whole answer is in. Parsing it and closing this end
        // wait until the crowd is done, so they never delay the clock of a client still waiting
        c.answeredAt = System.nanoTime();
        c.channel.keyFor(selector).cancel();
        return true;
    }

    @Override
    public void close() throws IOException {
        for (Client c : clients) {
            if (c != null && c.channel != null) {
                c.channel.close();
            }
        }
        selector.close();
    }

    private static final class Client {
        final int index;
        final ByteBuffer request;
        final ByteBuffer buffer = ByteBuffer.allocate(4096);
        final ByteArrayOutputStream received = new ByteArrayOutputStream(1024);
        SocketChannel channel;
        boolean connected;
        long sent;
        long answeredAt;
        Answer answer;

        Client(int index, byte[] request) {
            this.index = index;
            this.request = ByteBuffer.wrap(request);
        }

        boolean fail(Exception e) {
            if (answer == null) {
                long now = System.nanoTime();
                answer = new Answer(index, sent == 0 ? now : sent, now, -1, null, e.getClass().getSimpleName());
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException ignored) {
                    // closing a failed connection: nothing more to learn
                }
            }
            return true;
        }
    }
}
