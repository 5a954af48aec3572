package dev.conduit.net.sys;

import java.io.IOException;

/**
 * The platform's readiness notification, as {@link dev.conduit.net.Poller} and the virtual-thread
 * parking poller use it: epoll on Linux ({@link EpollBackend}), kqueue on macOS
 * ({@link KqueueBackend}). Interest and readiness are the portable bits {@link #READ} and
 * {@link #WRITE}; each registration carries a caller's {@code long} token, returned with its events.
 * One thread waits; {@link #wakeup()} may be called from any.
 */
public interface ReadinessBackend extends AutoCloseable {

    /** Readable, or an incoming connection, or end of stream. */
    int READ = 1;
    /** Writable, or a connect that completed (or failed: read {@code SO_ERROR}). */
    int WRITE = 2;
    /** An error or hang-up: reported with whichever interest was registered. */
    int ERROR = 4;

    /**
     * Starts watching {@code fd} for {@code interest}.
     *
     * @param edgeTriggered report a change once, not as long as it holds
     * @param oneShot report once, then stay silent until {@link #modify}
     */
    void add(int fd, int interest, boolean edgeTriggered, boolean oneShot, long token) throws IOException;

    /** Changes what {@code fd} is watched for (and re-arms a one-shot registration). */
    void modify(int fd, int interest, boolean edgeTriggered, boolean oneShot, long token) throws IOException;

    /** Stops watching {@code fd}; call it before the descriptor is closed. */
    void remove(int fd) throws IOException;

    /**
     * Whether a one-shot registration that fired stays registered, disarmed, until {@link #modify}
     * re-arms it or the descriptor is closed (epoll: the descriptor leaves the set when it is
     * closed). Then a waiter that comes back needs one {@link #modify} and none of {@link #remove}
     * and {@link #add} in between; otherwise a fired registration is removed and added again.
     */
    default boolean keepsFiredOneShot() {
        return false;
    }

    /**
     * Waits until something is ready, {@code timeoutMillis} pass (-1: no limit; 0: do not wait) or
     * {@link #wakeup()} is called; returns how many events {@link #token}/{@link #events} hold.
     * EINTR returns 0.
     */
    int await(int timeoutMillis) throws IOException;

    /** The token of ready event {@code index}, of the last {@link #await}. */
    long token(int index);

    /** The readiness ({@link #READ}, {@link #WRITE}, {@link #ERROR} bits) of ready event {@code index}. */
    int events(int index);

    /** Makes a current or the next {@link #await} return; wake-ups before it are not counted. */
    void wakeup() throws IOException;

    @Override
    void close() throws IOException;
}
