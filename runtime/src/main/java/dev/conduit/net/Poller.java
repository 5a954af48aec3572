package dev.conduit.net;

import dev.conduit.net.sys.ReadinessBackend;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.IllegalBlockingModeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A readiness event loop over non-blocking sockets, in the spirit of
 * {@link java.nio.channels.Selector} but leaner: epoll on Linux, kqueue on macOS. Register a
 * socket's interest ({@link #READ}, {@link #WRITE}), level- or edge-triggered, then {@link #poll}
 * and walk the ready keys by index ({@link #readyKey}, {@link #readyOps}): nothing is allocated
 * per wait or per event. {@link #wakeup()} may be called from any thread; everything else from the
 * one thread that runs the loop.
 */
public final class Poller implements AutoCloseable {

    /** Interest and readiness: data (or a connection, or end of stream) to read. */
    public static final int READ = ReadinessBackend.READ;
    /** Interest and readiness: room to write, or a connect that finished. */
    public static final int WRITE = ReadinessBackend.WRITE;
    /** Readiness only: an error or hang-up on the socket (reported with its interest). */
    public static final int ERROR = ReadinessBackend.ERROR;

    private final ReadinessBackend backend;
    private final List<PollerKey> keys = new ArrayList<>(); // by token
    private final List<Integer> freeTokens = new ArrayList<>();
    private int ready;
    private boolean closed; // guarded by lifecycle
    /** {@link #wakeup()} may come from any thread: it must not touch a closed backend's descriptor. */
    private final Object lifecycle = new Object();

    private Poller(ReadinessBackend backend) {
        this.backend = backend;
    }

    /** A new poller: {@code epoll_create1} and an {@code eventfd} on Linux, {@code kqueue} on macOS. */
    public static Poller open() throws IOException {
        return new Poller(Sys.sockets().openReadiness());
    }

    /** {@link #register(NativeSocket, int, boolean, Object)}, level-triggered. */
    public PollerKey register(TypedSocket socket, int interest, Object attachment) throws IOException {
        return register(Objects.requireNonNull(socket, "socket").socket(), interest, false, attachment);
    }

    /**
     * Watches {@code socket}, which must be non-blocking ({@link NativeSocket#setBlocking}), for
     * {@code interest}: {@code epoll_ctl(EPOLL_CTL_ADD)} / {@code kevent(EV_ADD)}.
     *
     * @param edgeTriggered report readiness once per change ({@code EPOLLET}, {@code EV_CLEAR})
     *     instead of as long as it lasts: then read or write until "would block"
     * @throws IllegalBlockingModeException when the socket is in blocking mode
     */
    public PollerKey register(NativeSocket socket, int interest, boolean edgeTriggered, Object attachment)
            throws IOException {
        Objects.requireNonNull(socket, "socket");
        checkInterest(interest);
        ensureOpen();
        if (socket.isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        int token = freeTokens.isEmpty() ? keys.size() : freeTokens.removeLast();
        PollerKey key = new PollerKey(this, socket, socket.fd(), token, interest, edgeTriggered, attachment);
        socket.registerWith(backend, interest, edgeTriggered, token);
        if (token == keys.size()) {
            keys.add(key);
        } else {
            keys.set(token, key);
        }
        return key;
    }

    /**
     * Waits until a registered socket is ready, {@code timeout} passes (null: no limit;
     * {@link Duration#ZERO}: do not wait), or {@link #wakeup()}; returns how many keys are ready.
     */
    public int poll(Duration timeout) throws IOException {
        ensureOpen();
        int millis;
        if (timeout == null) {
            millis = -1;
        } else if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        } else {
            millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis() + (timeout.toNanosPart() % 1_000_000 > 0 ? 1 : 0));
        }
        ready = backend.await(millis);
        return ready;
    }

    /** The key of ready event {@code index} ({@code 0 <= index < } what {@link #poll} returned). */
    public PollerKey readyKey(int index) {
        return keys.get((int) backend.token(checkIndex(index)));
    }

    /** The readiness of ready event {@code index}: {@link #READ}, {@link #WRITE}, {@link #ERROR} bits. */
    public int readyOps(int index) {
        return backend.events(checkIndex(index));
    }

    /** Makes a current or the next {@link #poll} return at once. Any thread. */
    public void wakeup() throws IOException {
        synchronized (lifecycle) {
            ensureOpen();
            backend.wakeup();
        }
    }

    /** Closes the poller; registered sockets stay open. Idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (lifecycle) {
            if (!closed) {
                closed = true;
                backend.close();
            }
        }
    }

    void changeInterest(PollerKey key, int interest) throws IOException {
        checkInterest(interest);
        ensureOpen();
        key.socket().reregisterWith(backend, interest, key.edgeTriggered(), key.token());
    }

    void cancel(PollerKey key) throws IOException {
        ensureOpen();
        keys.set(key.token(), null);
        freeTokens.add(key.token());
        try {
            key.socket().deregisterFrom(backend);
        } catch (SocketClosedException closed) {
            // closed before it was cancelled: epoll and kqueue forgot it with the descriptor,
            // poll(2) has to be told, by the number it had
            backend.remove(key.fd());
        }
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= ready) {
            throw new IndexOutOfBoundsException("ready event " + index + " of " + ready);
        }
        return index;
    }

    private static void checkInterest(int interest) {
        if (interest == 0 || (interest & ~(READ | WRITE)) != 0) {
            throw new IllegalArgumentException("interest must be READ, WRITE or both: " + interest);
        }
    }

    private void ensureOpen() {
        boolean isClosed;
        synchronized (lifecycle) {
            isClosed = closed;
        }
        if (isClosed) {
            throw new ClosedSelectorException();
        }
    }
}
