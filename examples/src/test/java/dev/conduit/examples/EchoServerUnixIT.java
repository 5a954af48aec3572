package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Black-box run of the packaged echo server with {@code --unix PATH}, with the JDK's own Unix-domain
 * {@link SocketChannel}s as clients. Blocking channels are interruptible, so a test's timeout also
 * ends a read the server never answers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerUnixIT {

    @TempDir
    static Path sharedDir;

    @TempDir
    Path dir;

    private static Path sharedPath;
    private static EchoServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        sharedPath = sharedDir.resolve("echo.sock");
        server = EchoServerProcess.start(1, "--unix", sharedPath.toString());
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private static SocketChannel connect(Path path) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(path));
    }

    /** Sends everything from another thread while reading, then half-closes: the echo must be exact. */
    private static byte[] roundTrip(SocketChannel channel, byte[] payload) throws Exception {
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                ByteBuffer out = ByteBuffer.wrap(payload);
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                channel.shutdownOutput();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        byte[] echoed = Channels.newInputStream(channel).readAllBytes();
        sending.get(30, TimeUnit.SECONDS);
        return echoed;
    }

    private static void assertEchoes(Path path) throws Exception {
        byte[] payload = ("hello over " + path.getFileName()).getBytes(StandardCharsets.US_ASCII);
        try (SocketChannel channel = connect(path)) {
            assertArrayEquals(payload, roundTrip(channel, payload), path.toString());
        }
    }

    private static List<String> listeningLines(EchoServerProcess process) {
        return process.stdout().stream().filter(line -> line.startsWith("listening on ")).toList();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1_000, 65_536, 1 << 20, 8 << 20})
    void echoesPayloadsExactly(int size) throws Exception {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        try (SocketChannel channel = connect(sharedPath)) {
            assertArrayEquals(payload, roundTrip(channel, payload));
        }
    }

    @Test
    void serves200ConcurrentClients() throws Exception {
        List<SocketChannel> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                clients.add(connect(sharedPath));
            }
            for (int i = 0; i < clients.size(); i++) {
                ByteBuffer message = ByteBuffer.wrap(("client " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                while (message.hasRemaining()) {
                    clients.get(i).write(message);
                }
            }
            for (int i = 0; i < clients.size(); i++) {
                byte[] expected = ("client " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(expected, Channels.newInputStream(clients.get(i)).readNBytes(expected.length), "client " + i);
            }
        } finally {
            for (SocketChannel client : clients) {
                client.close();
            }
        }
    }

    @Test
    void halfCloseGetsTheRestAndThenEndOfStream() throws Exception {
        try (SocketChannel channel = connect(sharedPath)) {
            channel.write(ByteBuffer.wrap("before half-close".getBytes(StandardCharsets.US_ASCII)));
            channel.shutdownOutput();
            InputStream in = Channels.newInputStream(channel);
            assertEquals("before half-close", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals(-1, in.read(), "server closes its side after echoing everything");
        }
    }

    @Test
    void survivesClientsThatResetAndLeaksNoDescriptors() throws Exception {
        assertEchoes(sharedPath); // warm up before the baseline
        long baseline = settledFdCount(-1);
        for (int i = 0; i < 50; i++) {
            // closing with unread echoes queued is a Unix socket's reset: the server sees ECONNRESET
            SocketChannel channel = connect(sharedPath);
            channel.write(ByteBuffer.wrap(new byte[100_000]));
            channel.close();
        }
        for (int i = 0; i < 100; i++) {
            try (SocketChannel channel = connect(sharedPath)) {
                roundTrip(channel, new byte[i]);
            }
        }
        assertEchoes(sharedPath);
        assertEquals(baseline, settledFdCount(baseline), "server fds after 150 clients came and went");
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
    void aloneServesOnlyThePathAndSaysSo() {
        assertEquals(List.of("listening on " + sharedPath), listeningLines(server));
        assertEquals(List.of(), server.listening, "no IP listener without --host, --port or --udp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void removesThePathWhenStoppedBySignal(String signal) throws Exception {
        Path path = dir.resolve("signal.sock");
        try (EchoServerProcess own = EchoServerProcess.start(1, "--unix", path.toString());
                SocketChannel client = connect(path)) {
            // a round trip first: a connection still in the accept queue is reset, not served
            client.write(ByteBuffer.wrap(new byte[] {'x'}));
            assertEquals('x', Channels.newInputStream(client).read());
            assertTrue(Files.exists(path));
            own.signal(signal);
            assertTrue(own.process.waitFor(15, TimeUnit.SECONDS), "server exits after SIG" + signal);
            own.awaitOutput();
            assertEquals("stopped", own.stdout().getLast(), own.stdout().toString());
            assertEquals(-1, Channels.newInputStream(client).read(), "open connections are closed on the way out");
            assertFalse(Files.exists(path), "the socket file is removed on exit");
        }
    }

    @Test
    void replacesAStaleSocketFile() throws Exception {
        Path path = dir.resolve("stale.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(path)); // closing leaves the file, as a crash would
        }
        assertTrue(Files.exists(path), "a socket file nobody listens on");
        try (EchoServerProcess own = EchoServerProcess.start(1, "--unix", path.toString())) {
            assertEquals(List.of("listening on " + path), listeningLines(own));
            assertEchoes(path);
        }
    }

    @Test
    void refusesAPathAnotherServerListensOn() throws Exception {
        Path path = dir.resolve("taken.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(path));
            EchoServerProcess.Result result = EchoServerProcess.run("--unix", path.toString());
            assertEquals(1, result.exitCode(), result.toString());
            assertEquals(List.of(), result.stdout());
            assertEquals(List.of("cannot listen on " + path + ": another server listens there"), result.stderr());
            try (SocketChannel stillThere = connect(path)) { // the other server's file was not touched
                assertTrue(stillThere.isConnected());
            }
        }
    }

    @Test
    void refusesARegularFileAndLeavesItAlone() throws Exception {
        Path path = dir.resolve("precious.txt");
        Files.writeString(path, "not a socket");
        EchoServerProcess.Result result = EchoServerProcess.run("--unix", path.toString());
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(List.of(), result.stdout());
        assertEquals(List.of("cannot listen on " + path + ": it exists and is not a socket (left as it is)"), result.stderr());
        assertEquals("not a socket", Files.readString(path));
    }

    @Test
    void refusesADirectory() throws Exception {
        Path path = Files.createDirectory(dir.resolve("a-directory"));
        EchoServerProcess.Result result = EchoServerProcess.run("--unix", path.toString());
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().endsWith("is not a socket (left as it is)"), result.toString());
        assertTrue(Files.isDirectory(path));
    }

    @Test
    void anOverlongPathNamesTheLimit() throws Exception {
        Path path = dir.resolve("x".repeat(200) + ".sock");
        EchoServerProcess.Result result = EchoServerProcess.run("--unix", path.toString());
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(List.of(), result.stdout());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().matches("cannot listen on .*: a Unix socket path is at most \\d+ bytes .*"),
                result.toString());
        assertFalse(Files.exists(path));
    }

    @Test
    void withPortServesTcpAndThePath() throws Exception {
        Path path = dir.resolve("both.sock");
        try (EchoServerProcess own = EchoServerProcess.start(1 + ipLoopbacks(), "--unix", path.toString(), "--port", "0")) {
            assertEquals("listening on " + path, listeningLines(own).getLast());
            assertEchoes(path);
            try (Socket tcp = new Socket()) {
                tcp.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), own.port), 10_000);
                tcp.setSoTimeout(10_000);
                OutputStream out = tcp.getOutputStream();
                out.write("tcp".getBytes(StandardCharsets.US_ASCII));
                tcp.shutdownOutput();
                assertEquals("tcp", new String(tcp.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void withUdpServesUdpAndThePath() throws Exception {
        Path path = dir.resolve("udp.sock");
        try (EchoServerProcess own = EchoServerProcess.start(1 + ipLoopbacks(), "--unix", path.toString(), "--udp", "--port", "0");
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            assertEchoes(path);
            udp.setSoTimeout(2_000);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), own.port);
            byte[] reply = new byte[10];
            for (int attempt = 1; ; attempt++) { // loopback does not drop, but UDP may: a few resends
                udp.send(new DatagramPacket("udp".getBytes(StandardCharsets.US_ASCII), 3, target));
                DatagramPacket packet = new DatagramPacket(reply, reply.length);
                try {
                    udp.receive(packet);
                    assertEquals("udp", new String(reply, 0, packet.getLength(), StandardCharsets.US_ASCII));
                    break;
                } catch (java.net.SocketTimeoutException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        }
    }

    /** IP listening lines a server with default addresses prints: one per loopback the kernel has. */
    private static int ipLoopbacks() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return 2;
        } catch (IOException e) {
            return 1;
        }
    }
}
