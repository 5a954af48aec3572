package dev.conduit.examples;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.Poller;
import dev.conduit.net.PollerKey;
import dev.conduit.net.SocketFamily;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.StandardSocketOptions;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event-loop thread of {@code --mode loop}: its own {@link Poller} (level-triggered), its
 * listeners and the connections they accepted, all non-blocking.
 *
 * <p>A listener is watched for {@link Poller#READ}; each readiness accepts until "would block" (at
 * most {@value #ACCEPTS_PER_EVENT}, so a connect storm cannot starve the echoes). A connection is
 * watched for READ while everything it sent has been echoed: one read, then one write of what was
 * read. What the write could not take stays in the connection's pending buffer and the connection
 * is watched for {@link Poller#WRITE} instead: it is not read from until the pending bytes are sent
 * (back-pressure: a client that does not read its echo is not read from, so TCP's flow control
 * stops it sending, and the server holds at most one buffer for it). End of stream with nothing
 * pending (and nothing can be pending then: input is not read while it is) is the client's
 * half-close: {@code shutdown(SHUT_WR)} and close, as in threads mode, so the client reads all its
 * echo and then end of stream. A reset or any other failure closes the connection.
 *
 * <p>Memory: buffers of {@value #BUFFER_BYTES} bytes of native memory, each from its own confined
 * arena of the loop thread. The loop reads into its scratch buffer; when a write leaves bytes
 * behind, that buffer becomes the connection's pending buffer (no copy) and the loop takes another
 * from its pool; a drained or closed connection's buffer goes back to the pool, which keeps up to
 * {@value #POOLED_BUFFERS} and frees the rest. So an idle connection or one whose echo keeps up
 * holds no buffer, and in steady state nothing is allocated per event (writes name their range
 * instead of making a slice).
 *
 * <p>Accept failures follow {@link AcceptFailures}: the listener is deregistered for the backoff
 * and registered again when it has passed; the poll's timeout is the earliest such moment.
 *
 * <p>{@link #stop()} may be called from any thread: it wakes the loop, which closes its listeners,
 * its connections and its poller.
 */
final class EchoLoop implements EchoEventLoop {

    static final int BUFFER_BYTES = 64 * 1024;
    private static final int POOLED_BUFFERS = 64;
    private static final int ACCEPTS_PER_EVENT = 64;

    /** A listening socket and its name for messages. */
    static final class Listener {
        final NativeSocket socket;
        final String name;
        private PollerKey key; // null while resting after an accept failure
        private long restingUntil;

        Listener(NativeSocket socket, String name) {
            this.socket = socket;
            this.name = name;
        }
    }

    /** A native buffer and the arena it came from (its own, so it can be freed alone). */
    private static final class Buffer {
        final Arena arena;
        final MemorySegment segment;

        Buffer(Arena arena) {
            this.arena = arena;
            this.segment = arena.allocate(BUFFER_BYTES);
        }
    }

    /** One client; a member of the loop's list of open connections. */
    private static final class Connection {
        final NativeSocket socket;
        PollerKey key;
        /** Read but not yet echoed: {@code pending[start, end)}; null when everything was echoed. */
        Buffer pending;
        long start;
        long end;
        Connection previous;
        Connection next;

        Connection(NativeSocket socket) {
            this.socket = socket;
        }
    }

    private final int index;
    private final Poller poller;
    private final List<Listener> listeners;
    private final AcceptFailures acceptFailures;
    private final Thread thread;
    private final Object pollerLock = new Object(); // stop()'s wakeup from another thread against the loop's close
    private boolean pollerClosed; // guarded by pollerLock
    private volatile boolean stopping;

    // the loop thread's own
    private final ArrayDeque<Buffer> freeBuffers = new ArrayDeque<>();
    private Buffer scratch;
    private Connection connections; // the first of the open ones
    private int resting;

    private EchoLoop(int index, Poller poller, List<Listener> listeners, AcceptFailures acceptFailures) {
        this.index = index;
        this.poller = poller;
        this.listeners = listeners;
        this.acceptFailures = acceptFailures;
        this.thread = Thread.ofPlatform().daemon().name("echo-loop-" + index).unstarted(this::run);
    }

    /**
     * A loop over {@code listeners}, made non-blocking and registered here; the thread starts with
     * {@link #start()}. On failure the listeners are left open, for the caller to close.
     */
    static EchoLoop open(int index, List<Listener> listeners, AcceptFailures acceptFailures) throws IOException {
        Poller poller = Poller.open();
        try {
            for (Listener listener : listeners) {
                listener.socket.setBlocking(false);
                listener.key = poller.register(listener.socket, Poller.READ, false, listener);
            }
        } catch (IOException | RuntimeException failure) {
            try {
                poller.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        return new EchoLoop(index, poller, List.copyOf(listeners), acceptFailures);
    }

    @Override
    public void start() {
        thread.start(); // happens-before: the registrations made in open() are the loop thread's now
    }

    /** Asks the loop to close everything and end. Any thread; idempotent. */
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

    /** Waits for the loop to end (after {@link #stop()}, or a failure). */
    @Override
    public void join() throws InterruptedException {
        thread.join();
    }

    private void run() {
        try {
            scratch = takeBuffer();
            while (!stopping) {
                int ready = poller.poll(pollTimeout());
                for (int i = 0; i < ready && !stopping; i++) {
                    PollerKey key = poller.readyKey(i);
                    if (key == null || !key.isValid()) {
                        continue; // closed while handling an earlier event of this batch
                    }
                    if (key.attachment() instanceof Connection connection) {
                        serve(connection);
                    } else {
                        accept((Listener) key.attachment());
                    }
                }
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

    private void accept(Listener listener) {
        for (int accepted = 0; accepted < ACCEPTS_PER_EVENT; accepted++) {
            NativeSocket client;
            try {
                client = listener.socket.accept();
            } catch (IOException e) {
                long backoff = AcceptFailures.backoffMillis(e);
                if (backoff == 0) {
                    continue;
                }
                acceptFailures.report(listener.name, e, backoff);
                rest(listener, backoff);
                return;
            }
            if (client == null) {
                return; // none left: would block
            }
            open(client);
        }
    }

    private void open(NativeSocket client) {
        Connection connection = new Connection(client);
        try {
            if (client.family() != SocketFamily.UNIX) {
                client.setOption(StandardSocketOptions.TCP_NODELAY, true); // an echo goes out at once
            }
            client.setBlocking(false);
            connection.key = poller.register(client, Poller.READ, false, connection);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            return;
        }
        connection.next = connections;
        if (connections != null) {
            connections.previous = connection;
        }
        connections = connection;
    }

    /** Stops watching {@code listener} for {@code millis}: level-triggered, it would report its queue at once again. */
    private void rest(Listener listener, long millis) {
        if (listener.key == null) {
            return;
        }
        try {
            listener.key.cancel();
        } catch (IOException | RuntimeException e) {
            return; // still registered: it reports again, and the next failure rests it
        }
        listener.key = null;
        listener.restingUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        resting++;
    }

    private void resumeListeners() throws IOException {
        long now = System.nanoTime();
        for (Listener listener : listeners) {
            if (listener.key == null && now - listener.restingUntil >= 0 && !listener.socket.isClosed()) {
                listener.key = poller.register(listener.socket, Poller.READ, false, listener);
                resting--;
            }
        }
    }

    /** Until the first resting listener is due again; no limit while none rests. */
    private java.time.Duration pollTimeout() {
        if (resting == 0) {
            return null;
        }
        long now = System.nanoTime();
        long soonest = Long.MAX_VALUE;
        for (Listener listener : listeners) {
            if (listener.key == null) {
                soonest = Math.min(soonest, Math.max(0, listener.restingUntil - now));
            }
        }
        return java.time.Duration.ofNanos(soonest); // only while a listener rests: not per event
    }

    // --- echoing ---------------------------------------------------------------------------------

    private void serve(Connection connection) {
        try {
            if (connection.pending != null) {
                flush(connection);
            } else {
                echo(connection);
            }
        } catch (IOException e) {
            close(connection); // reset, or gone: the connection is over either way
        }
    }

    /** Readable: echo one read's worth, keeping what the socket does not take now. */
    private void echo(Connection connection) throws IOException {
        MemorySegment buffer = scratch.segment;
        long read = connection.socket.read(buffer);
        if (read == 0) {
            return; // nothing after all
        }
        if (read < 0) { // the client half-closed, and everything it sent was echoed: half-close too
            connection.socket.shutdownOutput();
            close(connection);
            return;
        }
        long written = connection.socket.write(buffer, 0, read);
        if (written < read) {
            connection.pending = scratch;
            connection.start = written;
            connection.end = read;
            scratch = takeBuffer();
            connection.key.interest(Poller.WRITE); // and no more reading until it drains
        }
    }

    /** Writable with bytes pending: send more of them; once they are all sent, read again. */
    private void flush(Connection connection) throws IOException {
        connection.start += connection.socket.write(
                connection.pending.segment, connection.start, connection.end - connection.start);
        if (connection.start < connection.end) {
            return;
        }
        giveBack(connection.pending);
        connection.pending = null;
        connection.key.interest(Poller.READ);
    }

    private void close(Connection connection) {
        if (connection.previous != null) {
            connection.previous.next = connection.next;
        } else if (connections == connection) {
            connections = connection.next;
        }
        if (connection.next != null) {
            connection.next.previous = connection.previous;
        }
        connection.previous = null;
        connection.next = null;
        try {
            connection.key.cancel();
        } catch (IOException | RuntimeException ignored) {
            // closing the descriptor removes it from the poller anyway
        }
        closeQuietly(connection.socket);
        if (connection.pending != null) {
            giveBack(connection.pending);
            connection.pending = null;
        }
    }

    // --- buffers ---------------------------------------------------------------------------------

    private Buffer takeBuffer() {
        Buffer buffer = freeBuffers.poll();
        return buffer != null ? buffer : new Buffer(Arena.ofConfined());
    }

    private void giveBack(Buffer buffer) {
        if (freeBuffers.size() < POOLED_BUFFERS) {
            freeBuffers.push(buffer);
        } else {
            buffer.arena.close();
        }
    }

    // --- the end ---------------------------------------------------------------------------------

    private void closeEverything() {
        for (Listener listener : listeners) {
            if (listener.key != null) {
                try {
                    listener.key.cancel();
                } catch (IOException | RuntimeException ignored) {
                    // closing it deregisters it too
                }
            }
            closeQuietly(listener.socket);
        }
        while (connections != null) {
            close(connections);
        }
        synchronized (pollerLock) {
            pollerClosed = true;
            try {
                poller.close();
            } catch (IOException ignored) {
                // released anyway
            }
        }
        if (scratch != null) {
            scratch.arena.close();
            scratch = null;
        }
        for (Buffer buffer : freeBuffers) {
            buffer.arena.close();
        }
        freeBuffers.clear();
    }

    private static void closeQuietly(NativeSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the descriptor is released anyway
        }
    }
}
