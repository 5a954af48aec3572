package dev.conduit.examples;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.Poller;
import dev.conduit.net.PollerKey;
import dev.conduit.net.tls.TlsConfig;
import dev.conduit.net.tls.TlsDriver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One event-loop thread of {@code --mode loop --tls} ({@link EchoEventLoop} has the thread, the
 * listeners and accepting): as {@link EchoLoop}, with each connection
 * driven by a {@link TlsDriver} over its non-blocking socket. A connection is watched for what its
 * driver last asked for ({@link TlsDriver#interest()}): during the handshake either; then READ
 * while its echo keeps up. Plaintext the driver could not take (the socket had no room) is kept,
 * at most one read's worth, and the connection is not read from until it is sent (back-pressure,
 * as in {@link EchoLoop}). After the client's close_notify the loop sends its own and closes.
 *
 * <p>Handshakes are bounded by the configuration's timeout: the loop wakes at least every
 * {@value #TIMEOUT_CHECK_MILLIS} ms while one is in progress and closes those past their deadline
 * (they are kept in order of arrival, so their deadlines are in order too).
 */
final class EchoTlsLoop extends EchoEventLoop {

    private static final long TIMEOUT_CHECK_MILLIS = 100;
    /** What one TLS record holds at most: one read's plaintext. */
    private static final int PLAINTEXT_BYTES = 16 * 1024;

    /** One client: its driver, key, and the plaintext not yet taken by the driver. */
    private static final class Connection {
        final TlsDriver driver;
        PollerKey key;
        ByteBuffer pending; // null when everything read has been handed to the driver
        boolean closing; // our close_notify is on its way
        boolean closed;

        Connection(TlsDriver driver) {
            this.driver = driver;
        }
    }

    private final TlsConfig config;
    // the loop thread's own
    private final Set<Connection> connections = new HashSet<>();
    private final ArrayDeque<Connection> handshaking = new ArrayDeque<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(PLAINTEXT_BYTES);

    private EchoTlsLoop(int index, Poller poller, List<Listener> listeners, AcceptFailures acceptFailures,
            TlsConfig config) {
        super("echo-tls-loop", index, poller, listeners, acceptFailures);
        this.config = config;
    }

    /** As {@link EchoLoop#open}, serving TLS with {@code config}. */
    static EchoTlsLoop open(int index, List<Listener> listeners, AcceptFailures acceptFailures, TlsConfig config)
            throws IOException {
        return new EchoTlsLoop(index, registered(listeners), listeners, acceptFailures, config);
    }

    @Override
    void open(NativeSocket client) {
        try {
            Connection connection = new Connection(TlsDriver.server(client, config));
            connection.key = poller.register(client, Poller.READ, false, connection);
            connections.add(connection);
            handshaking.add(connection);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
        }
    }

    /** While a handshake is in progress: the next check of the handshake deadlines. */
    @Override
    long nanosUntilDue() {
        return handshaking.isEmpty() ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(TIMEOUT_CHECK_MILLIS);
    }

    @Override
    void afterEvents() {
        expireHandshakes();
    }

    /** Closes handshakes past their deadline, and forgets finished ones, from the oldest on. */
    private void expireHandshakes() {
        long now = System.nanoTime();
        while (!handshaking.isEmpty()) {
            Connection oldest = handshaking.peek();
            if (oldest.closed || oldest.driver.isHandshakeDone()) {
                handshaking.poll();
            } else if (oldest.driver.handshakeExpired(now)) {
                handshaking.poll();
                close(oldest);
            } else {
                return;
            }
        }
    }

    // --- echoing ---------------------------------------------------------------------------------

    @Override
    void serve(Object ready) {
        Connection connection = (Connection) ready;
        try {
            TlsDriver driver = connection.driver;
            if (connection.closing) {
                if (driver.shutdownOutput()) {
                    close(connection);
                }
                return;
            }
            if (connection.pending != null || driver.hasPendingOutput()) {
                if (!drain(connection)) {
                    watch(connection, Poller.WRITE);
                    return;
                }
            }
            echo(connection);
        } catch (IOException e) {
            close(connection); // a failed handshake, a bad record, a reset: over either way
        }
    }

    /** Reads and echoes until the driver must wait; what it decrypted but we did not read is read on. */
    private void echo(Connection connection) throws IOException {
        TlsDriver driver = connection.driver;
        while (true) {
            scratch.clear();
            int read = driver.read(scratch);
            if (read == TlsDriver.WANT_READ || read == TlsDriver.WANT_WRITE) {
                watch(connection, driver.interest());
                return;
            }
            if (read == TlsDriver.END) { // the client's close_notify, all echoed: ours, then close
                connection.closing = true;
                if (driver.shutdownOutput()) {
                    close(connection);
                } else {
                    watch(connection, Poller.WRITE);
                }
                return;
            }
            scratch.flip();
            int taken = driver.write(scratch);
            if (scratch.hasRemaining() || driver.hasPendingOutput() || taken < 0) {
                ByteBuffer held = ByteBuffer.allocate(scratch.remaining());
                held.put(scratch).flip();
                connection.pending = held;
                watch(connection, Poller.WRITE); // and no reading until it drains
                return;
            }
        }
    }

    /** Sends what is held: true once all of it is. */
    private boolean drain(Connection connection) throws IOException {
        TlsDriver driver = connection.driver;
        if (driver.hasPendingOutput() && !driver.flush()) {
            return false;
        }
        ByteBuffer pending = connection.pending;
        while (pending != null && pending.hasRemaining()) {
            int taken = driver.write(pending);
            if (taken <= 0 || driver.hasPendingOutput()) {
                return false;
            }
        }
        connection.pending = null;
        return true;
    }

    private void watch(Connection connection, int interest) throws IOException {
        if (connection.key.interest() != interest) {
            connection.key.interest(interest);
        }
    }

    private void close(Connection connection) {
        if (connection.closed) {
            return;
        }
        connection.closed = true;
        connections.remove(connection);
        try {
            connection.key.cancel();
        } catch (IOException | RuntimeException ignored) {
            // closing the descriptor removes it from the poller anyway
        }
        try {
            connection.driver.close();
        } catch (IOException ignored) {
            // released anyway
        }
        connection.pending = null;
    }

    // --- the end ---------------------------------------------------------------------------------

    @Override
    void closeConnections() {
        for (Connection connection : List.copyOf(connections)) {
            close(connection); // each gets a close_notify if its socket has room
        }
        handshaking.clear();
    }
}
