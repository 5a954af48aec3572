package dev.conduit.examples;

import static dev.conduit.examples.EchoClients.assumeAvailable;
import static dev.conduit.examples.EchoClients.connect;
import static dev.conduit.examples.EchoClients.roundTrip;
import static dev.conduit.examples.EchoClients.settledFdCount;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The black-box run every {@code --mode} must pass, against the packaged server over loopback with
 * the JDK's own sockets: one subclass per mode, each with its own shared server (no {@code --host}:
 * every echo check runs over 127.0.0.1 and ::1, the latter skipped without an IPv6 loopback). Every
 * loop is bounded in count and time; servers are stopped by their process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class EchoServerModeContract {

    /**
     * Idle connections the virtual and loop modes hold at once: the clients' ends are in this JVM,
     * the server's in its own process, each well under this machine's 20,000-descriptor limit.
     */
    static final int MANY_IDLE = 10_000;

    private EchoServerProcess server;

    /** The arguments that pick the mode: none for the default. */
    abstract List<String> modeArgs();

    /** Whether this mode is meant to hold {@link #MANY_IDLE} idle connections (not one thread each). */
    abstract boolean holdsManyIdleConnections();

    /** Runs before the shared server starts: an assumption here skips the whole class. */
    void assumeSupported() {
    }

    String[] args(String... more) {
        List<String> all = new ArrayList<>(modeArgs());
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @BeforeAll
    void startServer() throws Exception {
        assumeSupported();
        server = EchoServerProcess.start(EchoClients.loopbackCount(), args("--port", "0"));
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private Socket connectTo(String address) throws IOException {
        return connectTo(address, server.port);
    }

    /** A client connection to {@code address}:{@code port}, as this flavour's clients make them. */
    private Socket connectTo(String address, int port) throws IOException {
        return secure(connect(address, port), address);
    }

    /** The shared server's port. */
    int port() {
        return server.port;
    }

    /** The client's layer over a connected TCP socket: none for plain TCP, TLS for the TLS flavour. */
    Socket secure(Socket connected, String address) throws IOException {
        return connected;
    }

    /**
     * A client connection ready to send at once: {@link #connectTo(String)}, and for TLS also
     * handshaken, so that a thousand lazy handshakes do not queue behind each other.
     */
    Socket connectReady(String address) throws IOException {
        return connectTo(address);
    }

    /** Whether the Unix socket test's plain clients fit this flavour (the TLS flavour has its own). */
    boolean servesPlainUnixClients() {
        return true;
    }

    static Stream<String> loopbacks() {
        return EchoClients.loopbacks();
    }

    static Stream<Arguments> payloads() {
        return loopbacks().flatMap(address -> IntStream.of(0, 1, 1_000, 65_536, 1 << 20, 8 << 20)
                .mapToObj(size -> Arguments.of(address, size)));
    }

    @ParameterizedTest(name = "{1} bytes over {0}")
    @MethodSource("payloads")
    void echoesPayloadsExactly(String address, int size) throws Exception {
        assumeAvailable(address);
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        try (Socket socket = connectTo(address)) {
            assertArrayEquals(payload, roundTrip(socket, payload));
        }
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("loopbacks")
    void serves1000ConcurrentClients(String address) throws Exception {
        assumeAvailable(address);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                clients.add(connectReady(address));
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).getOutputStream().write(("client " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            for (int i = 0; i < clients.size(); i++) {
                byte[] expected = ("client " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(expected, clients.get(i).getInputStream().readNBytes(expected.length), "client " + i);
            }
        } finally {
            closeAll(clients);
        }
    }

    @Test
    void servesBothFamiliesAtOnce() throws Exception {
        assumeAvailable("::1");
        try (Socket v4 = connectTo("127.0.0.1"); Socket v6 = connectTo("::1")) {
            v4.getOutputStream().write("four".getBytes(StandardCharsets.US_ASCII));
            v6.getOutputStream().write("six".getBytes(StandardCharsets.US_ASCII));
            assertEquals("six", new String(v6.getInputStream().readNBytes(3), StandardCharsets.US_ASCII));
            assertEquals("four", new String(v4.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("loopbacks")
    void halfCloseGetsTheRestAndThenEndOfStream(String address) throws Exception {
        assumeAvailable(address);
        try (Socket socket = connectTo(address)) {
            OutputStream out = socket.getOutputStream();
            out.write("before half-close".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            assertEquals("before half-close", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals(-1, in.read(), "server closes its side after echoing everything");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("loopbacks")
    void survivesClientsThatReset(String address) throws Exception {
        assumeAvailable(address);
        for (int i = 0; i < 50; i++) {
            Socket socket = connectTo(address);
            socket.getOutputStream().write(new byte[100_000]);
            socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
            socket.close();
        }
        try (Socket socket = connectTo(address)) {
            assertArrayEquals("still here".getBytes(StandardCharsets.US_ASCII),
                    roundTrip(socket, "still here".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("loopbacks")
    void idleClientsDoNotBlockOthers(String address) throws Exception {
        assumeAvailable(address);
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                idle.add(connectTo(address));
            }
            try (Socket active = connectTo(address)) {
                active.setSoTimeout(5_000);
                byte[] payload = "not blocked".getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(payload, roundTrip(active, payload));
            }
        } finally {
            closeAll(idle);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("loopbacks")
    void noFileDescriptorGrowthAfterClientsLeave(String address) throws Exception {
        assumeAvailable(address);
        // warm up: threads, buffers and lazily linked calls exist before the baseline
        try (Socket socket = connectTo(address)) {
            roundTrip(socket, new byte[10]);
        }
        long baseline = settledFdCount(server, -1);
        for (int i = 0; i < 300; i++) {
            try (Socket socket = connectTo(address)) {
                if (i % 3 == 0) {
                    socket.setSoLinger(true, 0);
                } else {
                    roundTrip(socket, new byte[i]);
                }
            }
        }
        assertEquals(baseline, settledFdCount(server, baseline), "server fds after 300 clients came and went");
    }

    /** A client that sends 8 MiB and reads its echo slowly, in small reads with pauses, gets all of it. */
    @ParameterizedTest(name = "over {0}")
    @MethodSource("loopbacks")
    void slowReaderGetsEverythingBack(String address) throws Exception {
        assumeAvailable(address);
        byte[] payload = new byte[8 << 20];
        new Random(8).nextBytes(payload);
        try (Socket plain = new Socket()) {
            plain.setReceiveBufferSize(64 * 1024); // before connecting: a small window, so the server waits on us
            plain.connect(new java.net.InetSocketAddress(java.net.InetAddress.getByName(address), server.port), 10_000);
            plain.setSoTimeout(30_000);
            Socket socket = secure(plain, address);
            CompletableFuture<Void> sending = send(socket, payload);
            InputStream in = socket.getInputStream();
            byte[] echoed = new byte[payload.length];
            int got = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (int reads = 0; got < echoed.length && System.nanoTime() < deadline; reads++) {
                int n = in.read(echoed, got, Math.min(16 * 1024, echoed.length - got));
                if (n < 0) {
                    break;
                }
                got += n;
                if (reads % 4 == 0) {
                    Thread.sleep(1); // about 64 KiB a millisecond at most, with the socket buffer full in between
                }
            }
            assertEquals(payload.length, got, "echoed bytes");
            assertArrayEquals(payload, echoed);
            assertEquals(-1, in.read());
            sending.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Back-pressure: a client that sends 64 MiB and reads nothing is stopped by TCP's flow control
     * well before it is all sent (the kernel's buffers on both ends are a few MiB here), so the server
     * is not holding what it cannot send; then it reads, and gets every byte, in order.
     */
    @Test
    void clientThatDoesNotReadIsHeldBackAndThenGetsEverything() throws Exception {
        long total = 64L << 20;
        int chunk = 64 * 1024;
        try (Socket plain = new Socket()) {
            plain.setReceiveBufferSize(256 * 1024);
            plain.setSendBufferSize(256 * 1024);
            plain.connect(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), server.port), 10_000);
            plain.setSoTimeout(30_000);
            Socket socket = secure(plain, "127.0.0.1");
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> sending = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("echo-test-pusher").start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    byte[] bytes = new byte[chunk];
                    for (long offset = 0; offset < total; offset += chunk) {
                        pattern(bytes, offset);
                        out.write(bytes);
                        written.addAndGet(chunk);
                    }
                    socket.shutdownOutput();
                    sending.complete(null);
                } catch (IOException | RuntimeException e) {
                    sending.completeExceptionally(e);
                }
            });
            long stalledAt = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (long previous = -1; System.nanoTime() < deadline && !sending.isDone(); ) {
                Thread.sleep(300);
                long now = written.get();
                if (now == previous && now > 0) {
                    stalledAt = now;
                    break;
                }
                previous = now;
            }
            assertTrue(stalledAt > 0 && stalledAt < total, "the client's sending stalls while it does not read (it sent "
                    + written.get() + " of " + total + " bytes): the server stops reading what it cannot send");
            InputStream in = socket.getInputStream();
            byte[] received = new byte[chunk];
            byte[] expected = new byte[chunk];
            long got = 0;
            while (got < total) {
                int n = in.readNBytes(received, 0, (int) Math.min(chunk, total - got));
                if (n == 0) {
                    break;
                }
                pattern(expected, got);
                assertTrue(java.util.Arrays.equals(received, 0, n, expected, 0, n), "echo differs after " + got + " bytes");
                got += n;
            }
            assertEquals(total, got, "echoed bytes");
            assertEquals(-1, in.read());
            sending.get(30, TimeUnit.SECONDS);
        }
    }

    /** Byte {@code p} of the stream is {@code p % 251}: a period that no buffer size divides. */
    private static void pattern(byte[] into, long offset) {
        for (int i = 0; i < into.length; i++) {
            into[i] = (byte) ((offset + i) % 251);
        }
    }

    /** 2,000 short connections from 8 threads at once: each gets its echo, and no descriptor stays behind. */
    @Test
    void connectStormOf2000ShortConnections() throws Exception {
        try (Socket socket = connectTo("127.0.0.1")) {
            roundTrip(socket, new byte[10]);
        }
        long baseline = settledFdCount(server, -1);
        int threads = 8;
        int each = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int echoed = 0;
                    for (int i = 0; i < each; i++) {
                        byte[] payload = ("storm " + thread + "/" + i).getBytes(StandardCharsets.US_ASCII);
                        try (Socket socket = connectTo("127.0.0.1")) {
                            socket.getOutputStream().write(payload);
                            socket.shutdownOutput();
                            assertArrayEquals(payload, socket.getInputStream().readAllBytes(), thread + "/" + i);
                            echoed++;
                        }
                    }
                    return echoed;
                }));
            }
            int echoed = 0;
            for (Future<Integer> result : results) {
                echoed += result.get(90, TimeUnit.SECONDS);
            }
            assertEquals(threads * each, echoed);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(baseline, settledFdCount(server, baseline), "server fds after the storm");
    }

    @Test
    void holds10000IdleConnectionsWhileServingAnActiveOne() throws Exception {
        assumeTrue(holdsManyIdleConnections(), "a thread per connection: the 200-idle test covers this mode");
        try (Socket socket = connectTo("127.0.0.1")) {
            roundTrip(socket, new byte[10]);
        }
        long baseline = settledFdCount(server, -1);
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < MANY_IDLE; i++) {
                idle.add(connectTo("127.0.0.1"));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (server.openFds() < baseline + MANY_IDLE && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(server.openFds() >= baseline + MANY_IDLE, "the server accepted all " + MANY_IDLE + " (fds "
                    + server.openFds() + ", baseline " + baseline + ")");
            try (Socket active = connectTo("127.0.0.1")) {
                active.setSoTimeout(5_000);
                byte[] payload = new byte[1 << 20];
                new Random(1).nextBytes(payload);
                assertArrayEquals(payload, roundTrip(active, payload));
            }
            for (int i : new int[] {0, MANY_IDLE / 2, MANY_IDLE - 1}) { // and the idle ones are alive
                Socket socket = idle.get(i);
                socket.getOutputStream().write(("idle " + i).getBytes(StandardCharsets.US_ASCII));
                assertEquals("idle " + i, new String(socket.getInputStream().readNBytes(("idle " + i).length()),
                        StandardCharsets.US_ASCII));
            }
        } finally {
            closeAll(idle);
        }
        assertEquals(baseline, settledFdCount(server, baseline), "server fds after the idle clients left");
    }

    /**
     * Out of descriptors: with a limit of 64 the server accepts what it can, backs off from accepting
     * (reported at most once a second), keeps serving the connections it has, and accepts the waiting
     * ones as descriptors come free.
     */
    @Test
    void keepsServingWhenOutOfDescriptors() throws Exception {
        int limit = 64;
        int clientCount = 100; // more than the limit: the rest wait in the listen queue
        try (EchoServerProcess own = EchoServerProcess.startWithFdLimit(limit, 1, args("--host", "127.0.0.1", "--port", "0"))) {
            long started = System.nanoTime();
            List<Socket> clients = new ArrayList<>();
            try {
                // the first is known accepted before the flood: with --threads N the kernel may queue a
                // connection at any loop's listener, and an unaccepted one proves nothing here
                clients.add(connectTo("127.0.0.1", own.port));
                clients.getFirst().getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello", new String(clients.getFirst().getInputStream().readNBytes(5),
                        StandardCharsets.US_ASCII), "the first connection is accepted and served");
                for (int i = 1; i < clientCount; i++) {
                    clients.add(connectTo("127.0.0.1", own.port));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (own.stderr().stream().noneMatch(line -> line.contains("EMFILE")) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(own.stderr().stream().anyMatch(line -> line.contains("EMFILE")), "reports EMFILE: " + own.stderr());
                Socket first = clients.getFirst();
                try {
                    first.getOutputStream().write("first".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("first", new String(first.getInputStream().readNBytes(5), StandardCharsets.US_ASCII),
                            "an accepted connection is still served");
                } catch (IOException e) {
                    throw new AssertionError("the first connection failed; server stderr: " + own.stderr(), e);
                }
                Thread.sleep(1_200); // still out of descriptors: at most one more line
                for (int i = 0; i < 60; i++) {
                    clients.get(i).close();
                }
                Socket last = clients.getLast();
                last.setSoTimeout(10_000);
                last.getOutputStream().write("last".getBytes(StandardCharsets.US_ASCII));
                assertEquals("last", new String(last.getInputStream().readNBytes(4), StandardCharsets.US_ASCII),
                        "a waiting connection is accepted once descriptors are free");
            } finally {
                closeAll(clients);
            }
            try (Socket later = connectTo("127.0.0.1", own.port)) {
                assertArrayEquals("later".getBytes(StandardCharsets.US_ASCII), roundTrip(later, "later".getBytes(StandardCharsets.US_ASCII)));
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            List<String> reports = own.stderr().stream().filter(line -> line.startsWith("accept on ")).toList();
            assertTrue(reports.size() >= 1 && reports.size() <= seconds + 1, seconds + " s, reports: " + reports);
            assertTrue(reports.getFirst().matches("accept on 127\\.0\\.0\\.1:\\d+ failed: .*EMFILE.*not accepting there for 100 ms.*"),
                    reports.getFirst());
            assertEquals(reports.size(), own.stderr().size(), "nothing else on stderr: " + own.stderr());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void stopsCleanlyOnSignal(String signal) throws Exception {
        List<String> addresses = EchoClients.KERNEL_HAS_IPV6_LOOPBACK ? List.of("127.0.0.1", "::1") : List.of("127.0.0.1");
        try (EchoServerProcess own = EchoServerProcess.start(addresses.size(), args("--port", "0"))) {
            List<Socket> connected = new ArrayList<>();
            for (String address : addresses) {
                Socket socket = connectTo(address, own.port);
                connected.add(socket);
                socket.setSoTimeout(10_000);
                // a round trip first: a connection still in the accept queue is reset, not served
                socket.getOutputStream().write('x');
                assertEquals('x', socket.getInputStream().read());
            }
            own.signal(signal);
            assertTrue(own.process.waitFor(15, TimeUnit.SECONDS), "server exits after SIG" + signal);
            own.awaitOutput();
            assertEquals("stopped", own.stdout().getLast(), own.stdout().toString());
            for (int i = 0; i < addresses.size(); i++) {
                assertEquals(-1, connected.get(i).getInputStream().read(), "open connections are closed on the way out");
                connected.get(i).close();
                EchoClients.assertNotListening(addresses.get(i), own.port);
            }
        }
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        EchoServerProcess.Result result = EchoServerProcess.run(args("--port", Integer.toString(server.port)));
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(List.of(), result.stdout());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().startsWith("cannot listen on 127.0.0.1:" + server.port + ": "), result.toString());
        try (Socket socket = connectTo("127.0.0.1")) { // and the port is still the first server's alone
            assertArrayEquals("mine".getBytes(StandardCharsets.US_ASCII), roundTrip(socket, "mine".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** {@code --unix} in this mode: payloads, half-close, many clients, resets, no leak, the file removed on exit. */
    @Test
    void servesUnixStreams(@TempDir Path dir) throws Exception {
        assumeTrue(servesPlainUnixClients(), "this flavour tests --unix with its own clients");
        Path path = dir.resolve("echo.sock");
        try (EchoServerProcess own = EchoServerProcess.start(1, args("--unix", path.toString()))) {
            for (int size : new int[] {0, 1_000, 8 << 20}) {
                byte[] payload = new byte[size];
                new Random(size).nextBytes(payload);
                try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                    assertArrayEquals(payload, unixRoundTrip(channel, payload), size + " bytes");
                }
            }
            long baseline = settledFdCount(own, -1);
            List<SocketChannel> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    clients.add(SocketChannel.open(UnixDomainSocketAddress.of(path)));
                }
                for (int i = 0; i < clients.size(); i++) {
                    writeFully(clients.get(i), ("client " + i).getBytes(StandardCharsets.US_ASCII));
                }
                for (int i = 0; i < clients.size(); i++) {
                    byte[] expected = ("client " + i).getBytes(StandardCharsets.US_ASCII);
                    assertArrayEquals(expected, Channels.newInputStream(clients.get(i)).readNBytes(expected.length));
                }
            } finally {
                closeAll(clients);
            }
            for (int i = 0; i < 50; i++) { // closing with echoes unread: the server sees ECONNRESET
                try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                    writeFully(channel, new byte[100_000]);
                }
            }
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                writeFully(channel, "half".getBytes(StandardCharsets.US_ASCII));
                channel.shutdownOutput();
                InputStream in = Channels.newInputStream(channel);
                assertEquals("half", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                assertEquals(-1, in.read());
            }
            assertEquals(baseline, settledFdCount(own, baseline), "server fds after the Unix clients left");
            own.signal("TERM");
            assertTrue(own.process.waitFor(15, TimeUnit.SECONDS), "server exits after SIGTERM");
            own.awaitOutput();
            assertEquals("stopped", own.stdout().getLast(), own.stdout().toString());
            assertFalse(Files.exists(path), "the socket file is removed on exit");
        }
    }

    private static byte[] unixRoundTrip(SocketChannel channel, byte[] payload) throws Exception {
        CompletableFuture<Void> sending = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("echo-test-sender").start(() -> {
            try {
                writeFully(channel, payload);
                channel.shutdownOutput();
                sending.complete(null);
            } catch (IOException | RuntimeException e) {
                sending.completeExceptionally(e);
            }
        });
        byte[] echoed = Channels.newInputStream(channel).readAllBytes();
        sending.get(30, TimeUnit.SECONDS);
        return echoed;
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static CompletableFuture<Void> send(Socket socket, byte[] payload) {
        CompletableFuture<Void> sending = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("echo-test-sender").start(() -> {
            try {
                socket.getOutputStream().write(payload);
                socket.shutdownOutput();
                sending.complete(null);
            } catch (IOException | RuntimeException e) {
                sending.completeExceptionally(e);
            }
        });
        return sending;
    }

    private static void closeAll(List<? extends AutoCloseable> sockets) {
        for (AutoCloseable socket : sockets) {
            try {
                socket.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
