package dev.conduit.examples;

import dev.conduit.net.Socket;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP echo server on Conduit: every byte a client sends comes back, until the client half-closes
 * or closes. One platform thread per connection: a virtual thread blocked in a native call would
 * pin its carrier, so idle clients would starve the rest until Conduit's non-blocking I/O lands.
 * Stops cleanly on SIGINT/SIGTERM.
 */
public final class EchoServer {

    /** Room for a burst of connects without SYN retries; the kernel caps it at its own maximum. */
    private static final int BACKLOG = 4096;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Socket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile boolean stopping;

    private EchoServer(Socket listener) {
        this.listener = listener;
    }

    public static void main(String[] args) throws Exception {
        EchoServerOptions options;
        try {
            options = EchoServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(EchoServerOptions.USAGE);
            System.exit(2);
            return;
        }
        Socket listener = Socket.open();
        try {
            listener.setReuseAddress(true);
            listener.bind(options.host(), options.port());
            listener.listen(BACKLOG);
        } catch (IOException | RuntimeException e) {
            listener.close();
            System.err.println("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        new EchoServer(listener).run();
    }

    private void run() throws InterruptedException {
        Thread acceptor = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(acceptor), "echo-shutdown"));
        InetSocketAddress local = localAddress();
        System.out.println("listening on " + local.getAddress().getHostAddress() + ":" + local.getPort());
        System.out.flush();
        while (!stopping) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!stopping) {
                    System.err.println("accept failed: " + e.getMessage());
                    Thread.sleep(10); // e.g. out of fds: give connections a moment to end
                }
                continue;
            }
            connections.add(client);
            Thread.ofPlatform().daemon().name("echo-" + connectionIds.incrementAndGet()).start(() -> serve(client));
        }
    }

    private InetSocketAddress localAddress() {
        try {
            return listener.localAddress();
        } catch (IOException e) {
            throw new IllegalStateException("a bound socket has a local address", e);
        }
    }

    private void serve(Socket client) {
        try (client; Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(BUFFER_BYTES);
            long n;
            while ((n = client.read(buffer)) >= 0) {
                MemorySegment pending = buffer.asSlice(0, n);
                while (pending.byteSize() > 0) {
                    pending = pending.asSlice(client.write(pending));
                }
            }
            client.shutdownOutput();
        } catch (IOException e) {
            // the client reset or vanished, or we are stopping: its connection is over either way
        } finally {
            connections.remove(client);
        }
    }

    private void stop(Thread acceptor) {
        stopping = true;
        try {
            listener.close();
            for (Socket connection : connections) {
                connection.close();
            }
            acceptor.join(5_000);
        } catch (IOException | InterruptedException e) {
            System.err.println("while stopping: " + e);
        }
        System.out.println("stopped");
        System.out.flush();
    }
}
