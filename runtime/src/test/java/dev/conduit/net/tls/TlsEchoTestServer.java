package dev.conduit.net.tls;

import dev.conduit.net.TcpListener;
import dev.conduit.net.TcpStream;
import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Conduit TLS echo server for tests, on 127.0.0.1: one virtual thread per connection, each
 * handshake's failure (or null for a good one) queued for the test to inspect, and the echo
 * half-closed with close_notify after the client's.
 */
final class TlsEchoTestServer implements AutoCloseable {

    /** A handshake that succeeded, in {@link #outcomes}. */
    static final Object HANDSHAKE_OK = "handshake ok";

    final TcpListener listener;
    final LinkedBlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<TlsStream> accepted = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    TlsEchoTestServer(TlsConfig config) throws IOException {
        listener = TcpListener.bind("127.0.0.1", 0);
        acceptor = Thread.ofVirtual().name("tls-test-accept").start(() -> {
            while (!listener.isClosed()) {
                TcpStream client;
                try {
                    client = listener.accept();
                } catch (IOException e) {
                    return;
                }
                Thread.ofVirtual().start(() -> serve(client, config));
            }
        });
    }

    private void serve(TcpStream client, TlsConfig config) {
        try (TlsStream tls = TlsStream.server(client, config)) {
            try {
                tls.handshake();
            } catch (IOException e) {
                outcomes.add(e);
                return;
            }
            accepted.add(tls);
            outcomes.add(HANDSHAKE_OK);
            echo(tls);
        } catch (IOException e) {
            outcomes.add(e);
        }
    }

    /** Echoes until the peer's close_notify, then sends ours: the bytes echoed. */
    static long echo(TlsStream tls) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = tls.read(buffer)) >= 0) {
            tls.writeAll(buffer, 0, n);
            total += n;
        }
        tls.shutdownOutput();
        return total;
    }

    int port() throws IOException {
        return listener.localAddress().getPort();
    }

    /** The next connection's outcome: {@link #HANDSHAKE_OK} or the exception, within 20 s. */
    Object nextOutcome() throws InterruptedException {
        Object outcome = outcomes.poll(20, TimeUnit.SECONDS);
        if (outcome == null) {
            throw new AssertionError("no outcome within 20 s");
        }
        return outcome;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
