package dev.conduit.examples;

import dev.conduit.net.TcpListener;
import dev.conduit.net.TcpStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP echo server on Conduit: every byte a client sends comes back, until the client half-closes
 * or closes. It listens on every address of {@code --host}, or on 127.0.0.1 and ::1 (see
 * {@link EchoListeners}), with one accept thread per address and one platform thread per
 * connection: a virtual thread blocked in a native call would pin its carrier, so idle clients would
 * starve the rest until Conduit's non-blocking I/O lands. Stops cleanly on SIGINT/SIGTERM.
 */
public final class EchoServer {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final List<TcpListener> listeners;
    private final List<Thread> acceptors = new ArrayList<>();
    private final Set<TcpStream> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile boolean stopping;

    private EchoServer(List<TcpListener> listeners) {
        this.listeners = listeners;
    }

    public static void main(String[] args) throws InterruptedException {
        EchoServerOptions options;
        try {
            options = EchoServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(EchoServerOptions.USAGE);
            System.exit(2);
            return;
        }
        EchoListeners.Bound bound;
        try {
            bound = EchoListeners.open(options.host(), options.port(), EchoListeners.SYSTEM);
        } catch (EchoListeners.StartupException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        bound.notes().forEach(System.err::println);
        new EchoServer(bound.listeners()).run();
    }

    private void run() throws InterruptedException {
        for (TcpListener listener : listeners) {
            String name = EchoListeners.format(EchoListeners.localAddress(listener));
            acceptors.add(Thread.ofPlatform().daemon().name("echo-accept " + name).unstarted(() -> acceptLoop(listener)));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "echo-shutdown"));
        for (TcpListener listener : listeners) {
            System.out.println("listening on " + EchoListeners.format(EchoListeners.localAddress(listener)));
        }
        System.out.flush();
        acceptors.forEach(Thread::start);
        for (Thread acceptor : acceptors) {
            acceptor.join();
        }
    }

    private void acceptLoop(TcpListener listener) {
        while (!stopping && !listener.isClosed()) {
            TcpStream client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!stopping && !listener.isClosed()) {
                    System.err.println("accept failed: " + e.getMessage());
                    pause(); // e.g. out of fds: give connections a moment to end
                }
                continue;
            }
            connections.add(client);
            if (stopping) { // stop() may have closed the others before this one was in the set
                closeQuietly(client);
                connections.remove(client);
                break;
            }
            try {
                Thread.ofPlatform().daemon().name("echo-" + connectionIds.incrementAndGet()).start(() -> serve(client));
            } catch (OutOfMemoryError e) { // no thread to be had: refuse this client, keep serving the others
                closeQuietly(client);
                connections.remove(client);
                System.err.println("cannot start a connection thread: " + e.getMessage());
                pause();
            }
        }
    }

    private void serve(TcpStream client) {
        try (client; Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(BUFFER_BYTES);
            long n;
            while ((n = client.read(buffer)) >= 0) {
                client.writeAll(buffer.asSlice(0, n));
            }
            client.shutdownOutput();
        } catch (IOException e) {
            // the client reset or vanished, or we are stopping: its connection is over either way
        } finally {
            connections.remove(client);
        }
    }

    private void stop() {
        stopping = true;
        EchoListeners.closeAll(listeners);
        for (TcpStream connection : connections) {
            closeQuietly(connection);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (Thread acceptor : acceptors) {
                acceptor.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("stopped");
        System.out.flush();
    }

    private static void closeQuietly(TcpStream connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // the descriptor is released anyway
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
