package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Black-box run of the packaged echo server over loopback, with the JDK's own client sockets. The
 * shared server runs with no {@code --host}, so every echo check runs against 127.0.0.1 and against
 * ::1 (skipped when the kernel has no IPv6 loopback).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerIT {

    private static final boolean KERNEL_HAS_IPV6_LOOPBACK = kernelHasIpv6Loopback();

    private static EchoServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EchoServerProcess.start(KERNEL_HAS_IPV6_LOOPBACK ? 2 : 1, "--port", "0");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    /** Whether an IPv6 socket can bind ::1 here, as the server's own check does. */
    private static boolean kernelHasIpv6Loopback() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Stream<String> loopbacks() {
        return Stream.of("127.0.0.1", "::1");
    }

    private static void assumeAvailable(String address) {
        if (address.contains(":")) {
            assumeTrue(KERNEL_HAS_IPV6_LOOPBACK, "the kernel has no IPv6 loopback ::1: only 127.0.0.1 is tested");
        }
    }

    private static Socket connect(String address) throws IOException {
        return connect(address, server.port);
    }

    private static Socket connect(String address, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Sends everything from another thread while reading, then half-closes: the echo must be exact. */
    private static byte[] roundTrip(Socket socket, byte[] payload) throws Exception {
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(payload);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        byte[] echoed = socket.getInputStream().readAllBytes();
        sending.get(30, TimeUnit.SECONDS);
        return echoed;
    }

    private static void assertEchoes(String address, int port) throws Exception {
        byte[] payload = ("hello over " + address).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect(address, port)) {
            assertArrayEquals(payload, roundTrip(socket, payload), address);
        }
    }

    private static void assertNotListening(String address, int port) {
        assertThrows(ConnectException.class, () -> connect(address, port).close(), "not listening on " + address);
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
        try (Socket socket = connect(address)) {
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
                clients.add(connect(address));
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).getOutputStream().write(("client " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            for (int i = 0; i < clients.size(); i++) {
                byte[] expected = ("client " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(expected, clients.get(i).getInputStream().readNBytes(expected.length), "client " + i);
            }
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }

    @Test
    void servesBothFamiliesAtOnce() throws Exception {
        assumeAvailable("::1");
        try (Socket v4 = connect("127.0.0.1"); Socket v6 = connect("::1")) {
            v4.getOutputStream().write("four".getBytes(StandardCharsets.US_ASCII));
            v6.getOutputStream().write("six".getBytes(StandardCharsets.US_ASCII));
            assertEquals("six", new String(v6.getInputStream().readNBytes(3), StandardCharsets.US_ASCII));
            assertEquals("four", new String(v4.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
            assertEquals(InetAddress.getByName("::1"), v6.getInetAddress());
        }
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("loopbacks")
    void halfCloseGetsTheRestAndThenEndOfStream(String address) throws Exception {
        assumeAvailable(address);
        try (Socket socket = connect(address)) {
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
            Socket socket = connect(address);
            socket.getOutputStream().write(new byte[100_000]);
            socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
            socket.close();
        }
        try (Socket socket = connect(address)) {
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
                idle.add(connect(address));
            }
            try (Socket active = connect(address)) {
                active.setSoTimeout(5_000);
                byte[] payload = "not blocked".getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(payload, roundTrip(active, payload));
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("loopbacks")
    void noFileDescriptorGrowthAfterClientsLeave(String address) throws Exception {
        assumeAvailable(address);
        // warm up: threads, buffers and lazily linked calls exist before the baseline
        try (Socket socket = connect(address)) {
            roundTrip(socket, new byte[10]);
        }
        long baseline = settledFdCount(-1);
        for (int i = 0; i < 300; i++) {
            try (Socket socket = connect(address)) {
                if (i % 3 == 0) {
                    socket.setSoLinger(true, 0);
                } else {
                    roundTrip(socket, new byte[i]);
                }
            }
        }
        assertEquals(baseline, settledFdCount(baseline), "server fds after 300 clients came and went");
    }

    /** Server fd count once connection threads have finished closing (bounded wait). */
    private static long settledFdCount(long target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long previous = -2;
        while (System.nanoTime() < deadline) {
            long now = server.openFds();
            if (now == target || (target < 0 && now == previous)) {
                return now;
            }
            previous = now;
            Thread.sleep(200);
        }
        return server.openFds();
    }

    @Test
    void withoutHostPrintsOneLinePerLoopback() throws Exception {
        List<String> lines = server.stdout().stream().filter(line -> line.startsWith("listening on ")).toList();
        if (KERNEL_HAS_IPV6_LOOPBACK) {
            assertEquals(List.of("listening on 127.0.0.1:" + server.port, "listening on [::1]:" + server.port), lines);
            assertTrue(server.stderr().stream().noneMatch(line -> line.startsWith("note:")), server.stderr().toString());
        } else {
            assertEquals(List.of("listening on 127.0.0.1:" + server.port), lines);
            assertTrue(server.stderr().stream().anyMatch(line -> line.startsWith("note:") && line.contains("::1")),
                    "a note says why ::1 is not served: " + server.stderr());
        }
    }

    @ParameterizedTest(name = "--host {0}")
    @ValueSource(strings = {"::1", "[::1]"})
    void hostIpv6LiteralListensThereOnly(String host) throws Exception {
        assumeAvailable("::1");
        try (EchoServerProcess own = EchoServerProcess.start(1, "--host", host, "--port", "0")) {
            assertEquals(List.of("listening on [::1]:" + own.port), listeningLines(own));
            assertEchoes("::1", own.port);
            assertNotListening("127.0.0.1", own.port);
        }
    }

    @Test
    void hostIpv4LiteralListensThereOnly() throws Exception {
        try (EchoServerProcess own = EchoServerProcess.start(1, "--host", "127.0.0.1", "--port", "0")) {
            assertEquals(List.of("listening on 127.0.0.1:" + own.port), listeningLines(own));
            assertEchoes("127.0.0.1", own.port);
            if (KERNEL_HAS_IPV6_LOOPBACK) {
                assertNotListening("::1", own.port);
            }
        }
    }

    @Test
    void hostNameListensOnEveryAddressItResolvesTo() throws Exception {
        Set<InetAddress> expected = new LinkedHashSet<>(Arrays.asList(InetAddress.getAllByName("localhost")));
        try (EchoServerProcess own = EchoServerProcess.start(expected.size(), "--host", "localhost", "--port", "0")) {
            Set<InetAddress> served = new LinkedHashSet<>();
            for (InetSocketAddress address : own.listening) {
                assertEquals(own.port, address.getPort(), "every address on the same port: " + own.listening);
                served.add(address.getAddress());
            }
            assertEquals(expected, served, own.stdout().toString());
            for (InetAddress address : expected) {
                assertEchoes(address.getHostAddress(), own.port);
            }
        }
    }

    @ParameterizedTest(name = "--host {0}")
    @ValueSource(strings = {"no-such-host.invalid", "1.2.3"})
    void unresolvableHostIsAClearError(String host) throws Exception {
        EchoServerProcess.Result result = EchoServerProcess.run("--host", host, "--port", "0");
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().contains(host), result.toString());
        assertTrue(result.stdout().isEmpty(), result.toString());
    }

    @Test
    void refusesBadArguments() throws Exception {
        for (String[] args : new String[][] {{"--port", "70000"}, {"--port"}, {"--bogus"}, {"--host"}, {"--host="}}) {
            EchoServerProcess.Result result = EchoServerProcess.run(args);
            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(String.join("\n", result.stderr()).contains("usage:"), result.toString());
        }
    }

    @Test
    void portInUseIsAClearError() throws Exception {
        EchoServerProcess.Result result = EchoServerProcess.run("--port", Integer.toString(server.port));
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(List.of(), result.stdout());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().startsWith("cannot listen on 127.0.0.1:" + server.port + ": "), result.toString());
    }

    @Test
    void portInUseOnIpv6OnlyIsAnErrorNotANote() throws Exception {
        assumeAvailable("::1");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            int port = taken.getLocalPort();
            EchoServerProcess.Result result = EchoServerProcess.run("--port", Integer.toString(port));
            assertEquals(1, result.exitCode(), result.toString());
            assertEquals(List.of(), result.stdout());
            assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
            assertTrue(result.stderr().getFirst().startsWith("cannot listen on [::1]:" + port + ": "), result.toString());
            assertNotListening("127.0.0.1", port); // the IPv4 listener went with it
        }
    }

    @Test
    void hostPortInUseIsAClearError() throws Exception {
        EchoServerProcess.Result result = EchoServerProcess.run("--host", "127.0.0.1", "--port", Integer.toString(server.port));
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().contains("127.0.0.1") && result.stderr().getFirst().contains(Integer.toString(server.port)),
                result.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void stopsCleanlyOnSignal(String signal) throws Exception {
        List<String> addresses = KERNEL_HAS_IPV6_LOOPBACK ? List.of("127.0.0.1", "::1") : List.of("127.0.0.1");
        try (EchoServerProcess own = EchoServerProcess.start(addresses.size(), "--port", "0")) {
            List<Socket> connected = new ArrayList<>();
            for (String address : addresses) {
                Socket socket = connect(address, own.port);
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
                assertNotListening(addresses.get(i), own.port);
            }
        }
    }

    private static List<String> listeningLines(EchoServerProcess process) {
        return process.stdout().stream().filter(line -> line.startsWith("listening on ")).toList();
    }
}
