package dev.conduit.net;

import dev.conduit.net.sys.SocketSystem;
import java.io.IOException;

/**
 * Owns one socket file descriptor and guarantees its number is never passed to the kernel after it
 * may have been reused (fd numbers are recycled the moment {@code close(2)} returns). Every native
 * call on it runs inside {@link #use}, which counts the calls in flight. {@link #close()} refuses
 * new calls, wakes the ones blocked in the kernel, and the descriptor is closed exactly once: at
 * once when nothing is in flight, else when the last call in flight returns. The model is the
 * JDK's {@code sun.nio.ch.NioSocketImpl}.
 *
 * <p>It holds no reference to its {@link NativeSocket}, so a {@link java.lang.ref.Cleaner} can close it.
 */
final class SocketFd {

    /** A native call on the descriptor. */
    @FunctionalInterface
    interface Call<T> {
        T apply(int fd) throws IOException;
    }

    private final SocketSystem system;
    private final int fd;
    private int callsInFlight; // guarded by this
    private boolean closed; // guarded by this

    SocketFd(SocketSystem system, int fd) {
        this.system = system;
        this.fd = fd;
    }

    /**
     * Runs {@code call} with the descriptor, which stays open until it returns.
     *
     * @throws SocketClosedException when closed before, or during the call (then it replaces the
     *     call's own failure, e.g. the {@code EINVAL} of an accept that {@link #close()} woke)
     */
    <T> T use(Call<T> call) throws IOException {
        enter();
        try {
            return call.apply(fd);
        } catch (IOException failure) {
            throw closedOr(failure);
        } finally {
            exit();
        }
    }

    /**
     * Starts a call: the descriptor stays open until the matching {@link #exit()}; for hot paths
     * that cannot afford {@link #use}'s lambda.
     *
     * @throws SocketClosedException when closed
     */
    synchronized int enter() throws SocketClosedException {
        ensureOpen();
        callsInFlight++;
        return fd;
    }

    /** What a call that failed with {@code failure} throws: the close, if one came meanwhile. */
    IOException closedOr(IOException failure) {
        return isClosed() && !(failure instanceof SocketClosedException) ? new SocketClosedException(failure) : failure;
    }

    /** @throws SocketClosedException when closed */
    synchronized void ensureOpen() throws SocketClosedException {
        if (closed) {
            throw new SocketClosedException();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The raw number, for tests; meaningless once closed. */
    int number() {
        return fd;
    }

    /**
     * Closes the descriptor, now or after the calls in flight, which are woken with
     * {@link SocketSystem#wakeBlocked} ({@code shutdown(SHUT_RDWR)}): that ends a blocked recv, send or
     * (on Linux) accept. Idempotent.
     *
     * @throws IOException when {@code close(2)} ran now and reported an error; the descriptor is
     *     released anyway (Linux and macOS never leave it open)
     */
    void close() throws IOException {
        boolean callsToWake;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            callsToWake = callsInFlight > 0;
            if (callsToWake) {
                callsInFlight++; // the wake-up below is a call too: the fd must outlive it
            }
        }
        if (!callsToWake) {
            system.close(fd);
            return;
        }
        try {
            system.wakeBlocked(fd);
        } finally {
            exit();
        }
    }

    /**
     * Gives the descriptor up without closing it: from now on it is the caller's, and every call
     * here throws {@link SocketClosedException}.
     *
     * @throws SocketClosedException when closed or released already
     * @throws IllegalStateException when calls are in flight on it (they would use a descriptor the
     *     caller may close)
     */
    synchronized int release() throws SocketClosedException {
        ensureOpen();
        if (callsInFlight > 0) {
            throw new IllegalStateException("cannot release the descriptor while " + callsInFlight
                    + " call(s) use it");
        }
        closed = true;
        return fd;
    }

    /** Ends a call {@link #enter()} started. */
    void exit() {
        boolean last;
        synchronized (this) {
            last = --callsInFlight == 0 && closed;
        }
        if (last) {
            closeQuietly();
        }
    }

    /** The deferred close: no caller is left to report to, and the descriptor is released regardless. */
    private void closeQuietly() {
        try {
            system.close(fd);
        } catch (IOException ignored) {
            // see close(): the descriptor is gone either way
        }
    }
}
