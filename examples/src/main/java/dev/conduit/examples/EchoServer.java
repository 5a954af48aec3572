package dev.conduit.examples;

import dev.conduit.net.ReceivedDatagram;
import dev.conduit.net.StreamConnection;
import dev.conduit.net.TcpListener;
import dev.conduit.net.UdpSocket;
import dev.conduit.net.UnixListener;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * An echo server on Conduit. Over TCP and Unix stream sockets every byte a client sends comes back,
 * until the client half-closes or closes; over UDP ({@code --udp}) every datagram goes back
 * unchanged to its sender. It serves every address of {@code --host}, or 127.0.0.1 and ::1 (see
 * {@link EchoListeners}), and with {@code --unix} a socket at a path (see {@link EchoUnixSocket}).
 * One accept thread per stream listener and one platform thread per connection: a virtual thread
 * blocked in a native call would pin its carrier, so idle clients would starve the rest until
 * Conduit's non-blocking I/O lands. One thread per UDP socket. Stops cleanly on SIGINT/SIGTERM.
 */
public final class EchoServer {

    private static final int BUFFER_BYTES = 64 * 1024;
    /** More than the largest UDP payload (65507 bytes over IPv4, 65527 over IPv6): nothing is cut. */
    private static final int DATAGRAM_BUFFER_BYTES = 64 * 1024;
    /** How long the shutdown waits for accept threads, and at most for each UDP thread. */
    private static final long ACCEPT_JOIN_SECONDS = 5;
    private static final long UDP_JOIN_MILLIS = 1_000;

    private final List<TcpListener> tcpListeners;
    private final List<InetSocketAddress> ipAddresses;
    private final List<UdpSocket> udpSockets;
    private final Optional<EchoUnixSocket> unix;
    private final List<Thread> acceptors = new ArrayList<>();
    private final List<Thread> udpThreads = new ArrayList<>();
    private final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile boolean stopping;

    private EchoServer(List<TcpListener> tcpListeners, List<UdpSocket> udpSockets, List<InetSocketAddress> ipAddresses,
            Optional<EchoUnixSocket> unix) {
        this.tcpListeners = tcpListeners;
        this.udpSockets = udpSockets;
        this.ipAddresses = ipAddresses;
        this.unix = unix;
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
        List<TcpListener> tcp = List.of();
        List<UdpSocket> udp = List.of();
        List<InetSocketAddress> addresses = List.of();
        Optional<EchoUnixSocket> unix = Optional.empty();
        try {
            if (options.serveIp() && options.udp()) {
                EchoListeners.Bound<UdpSocket> bound = EchoListeners.open(options.host(), options.port(), EchoListeners.UDP);
                bound.notes().forEach(System.err::println);
                udp = bound.sockets();
                addresses = bound.addresses();
            } else if (options.serveIp()) {
                EchoListeners.Bound<TcpListener> bound = EchoListeners.open(options.host(), options.port(), EchoListeners.TCP);
                bound.notes().forEach(System.err::println);
                tcp = bound.sockets();
                addresses = bound.addresses();
            }
            if (options.unix().isPresent()) {
                unix = Optional.of(EchoUnixSocket.open(options.unix().get()));
            }
        } catch (EchoListeners.StartupException e) {
            EchoListeners.closeAll(tcp);
            EchoListeners.closeAll(udp);
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        new EchoServer(tcp, udp, addresses, unix).run();
    }

    private void run() throws InterruptedException {
        for (int i = 0; i < tcpListeners.size(); i++) {
            TcpListener listener = tcpListeners.get(i);
            String name = EchoListeners.format(ipAddresses.get(i));
            acceptors.add(Thread.ofPlatform().daemon().name("echo-accept " + name)
                    .unstarted(() -> acceptLoop(listener::accept, listener::isClosed)));
        }
        for (int i = 0; i < udpSockets.size(); i++) {
            UdpSocket socket = udpSockets.get(i);
            String name = EchoListeners.format(ipAddresses.get(i));
            udpThreads.add(Thread.ofPlatform().daemon().name("echo-udp " + name).unstarted(() -> datagramLoop(socket, name)));
        }
        unix.ifPresent(socket -> {
            UnixListener listener = socket.listener();
            acceptors.add(Thread.ofPlatform().daemon().name("echo-accept " + socket.path())
                    .unstarted(() -> acceptLoop(listener::accept, listener::isClosed)));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "echo-shutdown"));
        for (InetSocketAddress address : ipAddresses) {
            System.out.println("listening on " + EchoListeners.format(address));
        }
        unix.ifPresent(socket -> System.out.println("listening on " + socket.path()));
        System.out.flush();
        acceptors.forEach(Thread::start);
        udpThreads.forEach(Thread::start);
        for (Thread thread : acceptors) {
            thread.join();
        }
        for (Thread thread : udpThreads) {
            thread.join();
        }
    }

    @FunctionalInterface
    private interface Acceptor {
        StreamConnection accept() throws IOException;
    }

    private void acceptLoop(Acceptor listener, BooleanSupplier closed) {
        while (!stopping && !closed.getAsBoolean()) {
            StreamConnection client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!stopping && !closed.getAsBoolean()) {
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

    private void serve(StreamConnection client) {
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

    /** Receives datagrams and sends each back to where it came from, until the socket is closed. */
    private void datagramLoop(UdpSocket socket, String name) {
        boolean truncationReported = false;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(DATAGRAM_BUFFER_BYTES);
            while (!stopping && !socket.isClosed()) {
                ReceivedDatagram datagram;
                try {
                    datagram = socket.receive(buffer);
                } catch (IOException e) {
                    // close() wakes a blocked receive with SocketClosedException: only report failures while serving
                    if (!stopping && !socket.isClosed()) {
                        System.err.println("receive on " + name + " failed: " + e.getMessage());
                        pause();
                    }
                    continue;
                }
                if (datagram.truncated()) { // cannot happen with a 64 KiB buffer; never echo a cut datagram
                    if (!truncationReported) {
                        truncationReported = true;
                        System.err.println("datagram from " + datagram.sender() + " on " + name + " longer than "
                                + DATAGRAM_BUFFER_BYTES + " bytes: dropped (reported once)");
                    }
                    continue;
                }
                if (!(datagram.sender() instanceof InetSocketAddress sender)) {
                    continue;
                }
                try {
                    socket.send(buffer.asSlice(0, datagram.length()), sender);
                } catch (IOException e) {
                    if (!stopping && !socket.isClosed()) { // e.g. ENOBUFS: UDP may drop, the client retries
                        System.err.println("send to " + EchoListeners.format(sender) + " on " + name + " failed: "
                                + e.getMessage());
                    }
                }
            }
        }
    }

    private void stop() {
        stopping = true;
        EchoListeners.closeAll(tcpListeners);
        EchoListeners.closeAll(udpSockets);
        unix.ifPresent(EchoUnixSocket::close); // removes the socket file
        for (StreamConnection connection : connections) {
            closeQuietly(connection);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACCEPT_JOIN_SECONDS);
        try {
            for (Thread acceptor : acceptors) {
                acceptor.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            for (Thread udp : udpThreads) { // daemons: one that a close did not wake does not hold the exit
                udp.join(Math.max(1, Math.min(UDP_JOIN_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("stopped");
        System.out.flush();
    }

    private static void closeQuietly(StreamConnection connection) {
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
