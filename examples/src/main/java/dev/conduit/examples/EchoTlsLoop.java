package dev.conduit.examples;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.Poller;
import dev.conduit.net.PollerKey;
import dev.conduit.net.tls.TlsConfig;
import dev.conduit.net.tls.TlsDriver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event-loop thread of {@code --mode loop --tls}: as {@link EchoLoop}, with each connection
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
final class EchoTlsLoop implements EchoEventLoop {

    private static final int ACCEPTS_PER_EVENT = 64;
    private static final long TIMEOUT_CHECK_MILLIS = 100;
    /** What one TLS record holds at most: one read's plaintext. */
    private static final int PLAINTEXT_BYTES = 16 * 1024;

    /** A listener and its key; the key is null while it rests after an accept failure. */
    private static final class Listening {
        final EchoLoop.Listener listener;
        PollerKey key;
        long restingUntil;

        Listening(EchoLoop.Listener listener) {
            this.listener = listener;
        }
    }

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

    private final int index;
    private final Poller poller;
    private final List<Listening> listeners;
    private final AcceptFailures acceptFailures;
    private final TlsConfig config;
    private final Thread thread;
    private final Object pollerLock = new Object();
    private boolean pollerClosed; // guarded by pollerLock
    private volatile boolean stopping;

    // the loop thread's own
    private final java.util.Set<Connection> connections = new java.util.HashSet<>();
    private final ArrayDeque<Connection> handshaking = new ArrayDeque<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(PLAINTEXT_BYTES);
    private int resting;

    private EchoTlsLoop(int index, Poller poller, List<Listening> listeners, AcceptFailures acceptFailures,
            TlsConfig config) {
        this.index = index;
        this.poller = poller;
        this.listeners = listeners;
        this.acceptFailures = acceptFailures;
        this.config = config;
        this.thread = Thread.ofPlatform().daemon().name("echo-tls-loop-" + index).unstarted(this::run);
    }

    /** As {@link EchoLoop#open}, serving TLS with {@code config}. */
    static EchoTlsLoop open(int index, List<EchoLoop.Listener> listeners, AcceptFailures acceptFailures, TlsConfig config)
            throws IOException {
        Poller poller = Poller.open();
        List<Listening> listening = listeners.stream().map(Listening::new).toList();
        try {
            for (Listening l : listening) {
                l.listener.socket.setBlocking(false);
                l.key = poller.register(l.listener.socket, Poller.READ, false, l);
            }
        } catch (IOException | RuntimeException failure) {
            try {
                poller.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        return new EchoTlsLoop(index, poller, listening, acceptFailures, config);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (pollerLock) {
            if (!pollerClosed) {
                try {
                    poller.wakeup();
                } catch (IOException | RuntimeException e) {
                    System.err.println("cannot wake event loop " + index + ": " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void join(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
    }

    @Override
    public void join() throws InterruptedException {
        thread.join();
    }

    private void run() {
        try {
            while (!stopping) {
                int ready = poller.poll(pollTimeout());
                for (int i = 0; i < ready && !stopping; i++) {
                    PollerKey key = poller.readyKey(i);
                    if (key == null || !key.isValid()) {
                        continue;
                    }
                    if (key.attachment() instanceof Connection connection) {
                        serve(connection);
                    } else {
                        accept((Listening) key.attachment());
                    }
                }
                expireHandshakes();
                if (resting > 0) {
                    resumeListeners();
                }
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            if (!stopping) {
                System.err.println("event loop " + index + " failed: " + e);
            }
        } finally {
            closeEverything();
        }
    }

    // --- accepting -------------------------------------------------------------------------------

    private void accept(Listening listening) {
        for (int accepted = 0; accepted < ACCEPTS_PER_EVENT; accepted++) {
            NativeSocket client;
            try {
                client = listening.listener.socket.accept();
            } catch (IOException e) {
                long backoff = AcceptFailures.backoffMillis(e);
                if (backoff == 0) {
                    continue;
                }
                acceptFailures.report(listening.listener.name, e, backoff);
                rest(listening, backoff);
                return;
            }
            if (client == null) {
                return;
            }
            open(client);
        }
    }

    private void open(NativeSocket client) {
        try {
            client.setBlocking(false);
            Connection connection = new Connection(TlsDriver.server(client, config));
            connection.key = poller.register(client, Poller.READ, false, connection);
            connections.add(connection);
            handshaking.add(connection);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
        }
    }

    private void rest(Listening listening, long millis) {
        if (listening.key == null) {
            return;
        }
        try {
            listening.key.cancel();
        } catch (IOException | RuntimeException e) {
            return;
        }
        listening.key = null;
        listening.restingUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        resting++;
    }

    private void resumeListeners() throws IOException {
        long now = System.nanoTime();
        for (Listening listening : listeners) {
            if (listening.key == null && now - listening.restingUntil >= 0 && !listening.listener.socket.isClosed()) {
                listening.key = poller.register(listening.listener.socket, Poller.READ, false, listening);
                resting--;
            }
        }
    }

    /** The next handshake check or listener resumption, whichever is first; no limit when neither is due. */
    private Duration pollTimeout() {
        long soonest = Long.MAX_VALUE;
        if (!handshaking.isEmpty()) {
            soonest = TimeUnit.MILLISECONDS.toNanos(TIMEOUT_CHECK_MILLIS);
        }
        if (resting > 0) {
            long now = System.nanoTime();
            for (Listening listening : listeners) {
                if (listening.key == null) {
                    soonest = Math.min(soonest, Math.max(0, listening.restingUntil - now));
                }
            }
        }
        return soonest == Long.MAX_VALUE ? null : Duration.ofNanos(soonest);
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

    private void serve(Connection connection) {
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

    private void closeEverything() {
        for (Listening listening : listeners) {
            if (listening.key != null) {
                try {
                    listening.key.cancel();
                } catch (IOException | RuntimeException ignored) {
                    // closing it deregisters it too
                }
            }
            closeQuietly(listening.listener.socket);
        }
        for (Connection connection : List.copyOf(connections)) {
            close(connection); // each gets a close_notify if its socket has room
        }
        handshaking.clear();
        synchronized (pollerLock) {
            pollerClosed = true;
            try {
                poller.close();
            } catch (IOException ignored) {
                // released anyway
            }
        }
    }

    private static void closeQuietly(NativeSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // released anyway
        }
    }
}
