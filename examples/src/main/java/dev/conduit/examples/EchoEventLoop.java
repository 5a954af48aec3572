package dev.conduit.examples;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.Poller;
import dev.conduit.net.PollerKey;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An event-loop thread of {@code --mode loop}: its own {@link Poller} (level-triggered), its
 * listeners and the connections they accepted, all non-blocking. This class owns the thread, the
 * listeners and the poller; {@link EchoLoop} (plain streams) and {@link EchoTlsLoop} ({@code --tls})
 * own their connections.
 *
 * <p>A listener is watched for {@link Poller#READ}; each readiness accepts until "would block" (at
 * most {@value #ACCEPTS_PER_EVENT}, so a connect storm cannot starve the echoes). Accept failures
 * follow {@link AcceptFailures}: the listener is deregistered for the backoff and registered again
 * when it has passed; the poll's timeout is the earliest such moment.
 *
 * <p>{@link #stop()} may be called from any thread: it wakes the loop, which closes its listeners,
 * its connections and its poller.
 */
abstract class EchoEventLoop {

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

    /** The loop's number, for messages. */
    final int index;
    final Poller poller;
    private final List<Listener> listeners;
    private final AcceptFailures acceptFailures;
    private final Thread thread;
    private final Object pollerLock = new Object(); // stop()'s wakeup from another thread against the loop's close
    private boolean pollerClosed; // guarded by pollerLock
    private volatile boolean stopping;
    private int resting; // the loop thread's own

    /** A loop over {@code listeners}, already registered with {@code poller} by {@link #registered}. */
    EchoEventLoop(String name, int index, Poller poller, List<Listener> listeners, AcceptFailures acceptFailures) {
        this.index = index;
        this.poller = poller;
        this.listeners = List.copyOf(listeners);
        this.acceptFailures = acceptFailures;
        this.thread = Thread.ofPlatform().daemon().name(name + "-" + index).unstarted(this::run);
    }

    /**
     * A new poller with {@code listeners} made non-blocking and registered for READ. On failure the
     * poller is closed and the listeners are left open, for the caller to close.
     */
    static Poller registered(List<Listener> listeners) throws IOException {
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
        return poller;
    }

    /** Starts the loop's thread. */
    final void start() {
        thread.start(); // happens-before: the registrations made before are the loop thread's now
    }

    /** Asks the loop to close everything and end. Any thread; idempotent. */
    final void stop() {
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

    /** Waits at most {@code millis} for the loop to end. */
    final void join(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
    }

    /** Waits for the loop to end (after {@link #stop()}, or a failure). */
    final void join() throws InterruptedException {
        thread.join();
    }

    /** Before the first poll, on the loop thread (memory confined to it is made here). */
    void started() {
        // nothing by default
    }

    /** A newly accepted client, already non-blocking: make it a connection of this loop, or close it. */
    abstract void open(NativeSocket client);

    /** A connection's key is ready; {@code connection} is what the subclass registered it with. */
    abstract void serve(Object connection);

    /** After each batch of events, on the loop thread. */
    void afterEvents() {
        // nothing by default
    }

    /** How long the loop may sleep for the subclass's own deadlines; {@code Long.MAX_VALUE}: none. */
    long nanosUntilDue() {
        return Long.MAX_VALUE;
    }

    /** Closes every connection and releases the subclass's memory: the loop is ending. */
    abstract void closeConnections();

    private void run() {
        try {
            started();
            while (!stopping) {
                int ready = poller.poll(pollTimeout());
                for (int i = 0; i < ready && !stopping; i++) {
                    PollerKey key = poller.readyKey(i);
                    if (key == null || !key.isValid()) {
                        continue; // closed while handling an earlier event of this batch
                    }
                    if (key.attachment() instanceof Listener listener) {
                        accept(listener);
                    } else {
                        serve(key.attachment());
                    }
                }
                afterEvents();
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

    private void accept(Listener listener) {
        for (int accepted = 0; accepted < ACCEPTS_PER_EVENT; accepted++) {
            NativeSocket client;
            try {
                client = listener.socket.acceptNonBlocking();
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

    /** Until the first resting listener or the subclass's deadline is due; no limit while neither is. */
    private Duration pollTimeout() {
        long soonest = nanosUntilDue();
        if (resting > 0) {
            long now = System.nanoTime();
            for (Listener listener : listeners) {
                if (listener.key == null) {
                    soonest = Math.min(soonest, Math.max(0, listener.restingUntil - now));
                }
            }
        }
        return soonest == Long.MAX_VALUE ? null : Duration.ofNanos(soonest); // not per event: only while due
    }

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
        closeConnections();
        synchronized (pollerLock) {
            pollerClosed = true;
            try {
                poller.close();
            } catch (IOException ignored) {
                // released anyway
            }
        }
    }

    static void closeQuietly(NativeSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the descriptor is released anyway
        }
    }
}
