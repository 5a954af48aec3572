package dev.conduit.examples;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.ReceivedDatagram;
import dev.conduit.net.StreamConnection;
import dev.conduit.net.TcpListener;
import dev.conduit.net.TcpStream;
import dev.conduit.net.UdpSocket;
import dev.conduit.net.UnixListener;
import dev.conduit.net.UnixStream;
import dev.conduit.net.tls.TlsConfig;
import dev.conduit.net.tls.TlsStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
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
 *
 * <p>Stream connections are served as {@code --mode} says: {@code threads} (the default), one
 * accept thread per listener and one platform thread per connection; {@code virtual}, the same with
 * virtual threads, whose blocking calls park instead of holding a carrier; {@code loop},
 * {@code --threads} event loops on non-blocking sockets (see {@link EchoLoop}). UDP is one platform
 * thread per socket in every mode. Accept failures are handled as {@link AcceptFailures} says.
 * Stops cleanly on SIGINT/SIGTERM.
 */
public final class EchoServer {

    /**
     * Per connection in threads and virtual mode: each holds its own for its life, so it is kept to
     * what one read usually brings (as the JDK's socket streams do), not the loop's 64 KiB.
     */
    private static final int BUFFER_BYTES = 16 * 1024;
    /** One TLS record's worth of plaintext: what a TLS read returns at most. */
    private static final int TLS_BUFFER_BYTES = 16 * 1024;
    /** More than the largest UDP payload (65507 bytes over IPv4, 65527 over IPv6): nothing is cut. */
    private static final int DATAGRAM_BUFFER_BYTES = 64 * 1024;
    /** How long the shutdown waits for accept threads (or event loops), and at most for each UDP thread. */
    private static final long ACCEPT_JOIN_SECONDS = 5;
    private static final long UDP_JOIN_MILLIS = 1_000;

    private final EchoServerOptions.Mode mode;
    private final List<TcpListener> tcpListeners;
    private final List<InetSocketAddress> ipAddresses;
    private final List<UdpSocket> udpSockets;
    private final Optional<EchoUnixSocket> unix;
    private final List<EchoEventLoop> loops;
    private final List<Thread> acceptors = new ArrayList<>();
    private final List<Thread> udpThreads = new ArrayList<>();
    private final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AcceptFailures acceptFailures;
    /** {@code --tls}: the server side of every stream connection. */
    private final Optional<TlsConfig> tls;
    /** The TLS streams being served, so stopping sends each its close_notify. */
    private final Set<TlsStream> tlsStreams = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    private EchoServer(EchoServerOptions.Mode mode, List<TcpListener> tcpListeners, List<UdpSocket> udpSockets,
            List<InetSocketAddress> ipAddresses, Optional<EchoUnixSocket> unix, List<EchoEventLoop> loops,
            AcceptFailures acceptFailures, Optional<TlsConfig> tls) {
        this.mode = mode;
        this.tcpListeners = tcpListeners;
        this.udpSockets = udpSockets;
        this.ipAddresses = ipAddresses;
        this.unix = unix;
        this.loops = loops;
        this.acceptFailures = acceptFailures;
        this.tls = tls;
    }

    public static void main(String[] args) throws InterruptedException {
        EchoServerOptions options;
        try {
            options = EchoServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(EchoServerOptions.USAGE);
            System.err.println(EchoTls.USAGE);
            System.exit(2);
            return;
        }
        Optional<TlsConfig> tls = Optional.empty();
        try {
            if (options.tls().isPresent()) {
                tls = Optional.of(options.tls().get().config());
            }
        } catch (EchoTls.StartupFailure e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        boolean loop = options.mode() == EchoServerOptions.Mode.LOOP;
        List<TcpListener> tcp = List.of();
        List<List<NativeSocket>> sharedTcp = new ArrayList<>(); // --threads above 1: each loop's own listeners
        List<UdpSocket> udp = List.of();
        List<InetSocketAddress> addresses = List.of();
        Optional<EchoUnixSocket> unix = Optional.empty();
        try {
            if (options.serveIp() && options.udp()) {
                EchoListeners.Bound<UdpSocket> bound = EchoListeners.open(options.host(), options.port(), EchoListeners.UDP);
                bound.notes().forEach(System.err::println);
                udp = bound.sockets();
                addresses = bound.addresses();
            } else if (options.serveIp() && loop && options.threads() > 1) {
                EchoListeners.Bound<NativeSocket> bound =
                        EchoListeners.open(options.host(), options.port(), EchoListeners.SHARED_TCP);
                bound.notes().forEach(System.err::println);
                sharedTcp.add(bound.sockets());
                addresses = bound.addresses();
                for (int i = 1; i < options.threads(); i++) {
                    List<NativeSocket> own = new ArrayList<>();
                    sharedTcp.add(own);
                    for (InetSocketAddress address : addresses) {
                        try {
                            own.add(EchoListeners.bindShared(address));
                        } catch (IOException e) {
                            throw new EchoListeners.StartupException("cannot listen on " + EchoListeners.format(address)
                                    + " for event loop " + i + " (SO_REUSEPORT): " + e.getMessage(), e);
                        }
                    }
                }
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
            sharedTcp.forEach(EchoListeners::closeAll);
            EchoListeners.closeAll(udp);
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        AcceptFailures acceptFailures = new AcceptFailures();
        List<EchoEventLoop> loops = new ArrayList<>();
        if (loop && (!tcp.isEmpty() || !sharedTcp.isEmpty() || unix.isPresent())) {
            try {
                int count = sharedTcp.isEmpty() ? 1 : sharedTcp.size(); // --threads N: N only when TCP is served
                for (int i = 0; i < count; i++) {
                    List<EchoEventLoop.Listener> listeners = new ArrayList<>();
                    List<? extends AutoCloseable> own = sharedTcp.isEmpty() ? tcp : sharedTcp.get(i);
                    for (int a = 0; a < own.size(); a++) {
                        NativeSocket socket = own.get(a) instanceof TcpListener l ? l.socket() : (NativeSocket) own.get(a);
                        listeners.add(new EchoEventLoop.Listener(socket, EchoListeners.format(addresses.get(a))));
                    }
                    if (i == 0 && unix.isPresent()) { // one socket: Linux does not balance Unix sockets over SO_REUSEPORT
                        listeners.add(new EchoEventLoop.Listener(unix.get().listener().socket(), unix.get().path().toString()));
                    }
                    loops.add(tls.isPresent() ? EchoTlsLoop.open(i, listeners, acceptFailures, tls.get())
                            : EchoLoop.open(i, listeners, acceptFailures));
                }
            } catch (IOException | RuntimeException e) {
                EchoListeners.closeAll(tcp);
                sharedTcp.forEach(EchoListeners::closeAll);
                EchoListeners.closeAll(udp);
                unix.ifPresent(EchoUnixSocket::close);
                System.err.println("cannot start the event loop: " + e.getMessage());
                System.exit(1);
                return;
            }
        }
        new EchoServer(options.mode(), tcp, udp, addresses, unix, List.copyOf(loops), acceptFailures, tls).run();
    }

    private void run() throws InterruptedException {
        if (mode == EchoServerOptions.Mode.VIRTUAL) {
            warmUpParking();
        }
        if (mode != EchoServerOptions.Mode.LOOP) {
            for (int i = 0; i < tcpListeners.size(); i++) {
                TcpListener listener = tcpListeners.get(i);
                String name = EchoListeners.format(ipAddresses.get(i));
                acceptors.add(threads("echo-accept " + name).unstarted(() -> acceptLoop(name, listener::accept, listener::isClosed)));
            }
            unix.ifPresent(socket -> {
                UnixListener listener = socket.listener();
                String name = socket.path().toString();
                acceptors.add(threads("echo-accept " + name).unstarted(() -> acceptLoop(name, listener::accept, listener::isClosed)));
            });
        }
        for (int i = 0; i < udpSockets.size(); i++) {
            UdpSocket socket = udpSockets.get(i);
            String name = EchoListeners.format(ipAddresses.get(i));
            udpThreads.add(Thread.ofPlatform().daemon().name("echo-udp " + name).unstarted(() -> datagramLoop(socket, name)));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "echo-shutdown"));
        for (InetSocketAddress address : ipAddresses) {
            System.out.println("listening on " + EchoListeners.format(address));
        }
        unix.ifPresent(socket -> System.out.println("listening on " + socket.path()));
        System.out.flush();
        acceptors.forEach(Thread::start);
        loops.forEach(EchoEventLoop::start);
        udpThreads.forEach(Thread::start);
        for (Thread thread : acceptors) {
            thread.join();
        }
        for (EchoEventLoop loop : loops) {
            loop.join();
        }
        if (!stopping && !loops.isEmpty()) { // a loop failed (it said why): do not linger half-alive
            System.exit(1);
        }
        for (Thread thread : udpThreads) {
            thread.join();
        }
    }

    /**
     * Conduit opens the poller that virtual threads park on (an epoll or kqueue descriptor, and an
     * eventfd on Linux) the first time one has to wait. Make that happen now, while descriptors are
     * plentiful: otherwise, when clients arrive faster than the accept thread ever waits, accepting
     * can use every descriptor first, and then the first connection that has to wait fails with
     * EMFILE instead of being served. A virtual thread reads from a socket pair until it is seen
     * waiting (parked on that poller), then gets its byte. Bounded; best effort.
     */
    private static void warmUpParking() throws InterruptedException {
        UnixStream[] pair;
        try {
            pair = UnixStream.pair();
        } catch (IOException e) {
            return; // the first real wait opens it
        }
        try (UnixStream reading = pair[0]; UnixStream writing = pair[1]) {
            Thread reader = Thread.ofVirtual().name("echo-warm-up").start(() -> {
                try {
                    reading.read(new byte[1]);
                } catch (IOException ignored) {
                    // closed below after the deadline
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (reader.getState() != Thread.State.WAITING && reader.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            writing.writeAll(new byte[] {1});
            reader.join(1_000);
        } catch (IOException ignored) {
            // the descriptors are released anyway
        }
    }

    /** Accept and connection threads of the mode: platform daemons, or virtual threads. */
    private Thread.Builder threads(String name) {
        return mode == EchoServerOptions.Mode.VIRTUAL ? Thread.ofVirtual().name(name) : Thread.ofPlatform().daemon().name(name);
    }

    @FunctionalInterface
    private interface Acceptor {
        StreamConnection accept() throws IOException;
    }

    private void acceptLoop(String name, Acceptor listener, BooleanSupplier closed) {
        while (!stopping && !closed.getAsBoolean()) {
            StreamConnection client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!stopping && !closed.getAsBoolean()) {
                    long backoff = AcceptFailures.backoffMillis(e);
                    if (backoff > 0) {
                        acceptFailures.report(name, e, backoff);
                        pause(backoff); // e.g. out of fds: give connections a moment to end
                    }
                }
                continue;
            }
            if (client instanceof TcpStream tcp) {
                try {
                    tcp.setOption(StandardSocketOptions.TCP_NODELAY, true); // an echo goes out at once
                } catch (IOException | RuntimeException ignored) {
                    // served anyway, only with Nagle's delays
                }
            }
            connections.add(client);
            if (stopping) { // stop() may have closed the others before this one was in the set
                closeQuietly(client);
                connections.remove(client);
                break;
            }
            try {
                threads("echo-" + connectionIds.incrementAndGet()).start(() -> serve(client));
            } catch (OutOfMemoryError e) { // no thread to be had: refuse this client, keep serving the others
                closeQuietly(client);
                connections.remove(client);
                System.err.println("cannot start a connection thread: " + e.getMessage());
                pause(AcceptFailures.OTHER_BACKOFF_MILLIS);
            }
        }
    }

    private void serve(StreamConnection client) {
        if (tls.isPresent()) {
            serveTls(client, tls.get());
            return;
        }
        try (client; Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(BUFFER_BYTES);
            long n;
            while ((n = client.read(buffer)) >= 0) {
                client.writeAll(buffer, 0, n);
            }
            client.shutdownOutput();
        } catch (IOException e) {
            // the client reset or vanished, or we are stopping: its connection is over either way
        } finally {
            connections.remove(client);
        }
    }

    /**
     * {@link #serve} over TLS: the handshake (bounded by its timeout), then the echo until the
     * client's close_notify, answered with ours. A client that fails TLS is closed quietly.
     */
    private void serveTls(StreamConnection client, TlsConfig config) {
        TlsStream stream = null;
        try (client) {
            stream = TlsStream.server(client, config);
            tlsStreams.add(stream);
            if (stopping) {
                return;
            }
            byte[] buffer = new byte[TLS_BUFFER_BYTES];
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                stream.writeAll(buffer, 0, n);
            }
            stream.shutdownOutput();
        } catch (IOException e) {
            // a failed handshake, a truncated stream, a reset, or we are stopping: over either way
        } finally {
            if (stream != null) {
                tlsStreams.remove(stream);
            }
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
                        pause(AcceptFailures.OTHER_BACKOFF_MILLIS);
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
        loops.forEach(EchoEventLoop::stop); // each closes its listeners and connections
        EchoListeners.closeAll(tcpListeners);
        EchoListeners.closeAll(udpSockets);
        if (loops.isEmpty()) {
            unix.ifPresent(EchoUnixSocket::close); // removes the socket file
        }
        for (TlsStream stream : tlsStreams) { // close_notify first, where no writer holds the stream
            try {
                stream.close();
            } catch (IOException ignored) {
                // closed anyway
            }
        }
        for (StreamConnection connection : connections) {
            closeQuietly(connection);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACCEPT_JOIN_SECONDS);
        try {
            for (Thread acceptor : acceptors) {
                acceptor.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            for (EchoEventLoop loop : loops) {
                loop.join(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            }
            if (!loops.isEmpty()) {
                unix.ifPresent(EchoUnixSocket::close); // after the loop closed the listener: removes the socket file
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
