package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Black-box run of the packaged echo server with {@code --udp}, with the JDK's own
 * {@link DatagramSocket}s as clients, over 127.0.0.1 and ::1 (skipped when the kernel has no IPv6
 * loopback). Loopback UDP does not drop at these rates, but every exchange allows a few resends.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerUdpIT {

    /** The largest UDP payload over IPv4: 65535 less the IPv4 and UDP headers. */
    private static final int MAX_PAYLOAD = 65_507;
    private static final int RECEIVE_TIMEOUT_MILLIS = 2_000;
    private static final int ATTEMPTS = 3;

    private static final boolean KERNEL_HAS_IPV6_LOOPBACK = kernelHasIpv6Loopback();

    private static EchoServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EchoServerProcess.start(KERNEL_HAS_IPV6_LOOPBACK ? 2 : 1, "--udp", "--port", "0");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

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

    /**
     * A client bound to the same loopback as the server's {@code address}. Not connected: a connected
     * JDK DatagramSocket silently sends nothing for an empty datagram (its write of 0 bytes makes no
     * system call), so every send names the server.
     */
    private static Client client(String address, int port) throws IOException {
        InetAddress loopback = InetAddress.getByName(address);
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        return new Client(socket, new InetSocketAddress(loopback, port));
    }

    private record Client(DatagramSocket socket, InetSocketAddress server) implements AutoCloseable {
        /**
         * Sends {@code payload} to the server and returns what comes back from it, resending on a
         * timeout. A reply bigger than the payload would show in the length: the receive buffer has
         * room for one byte more.
         */
        byte[] exchange(byte[] payload) throws IOException {
            byte[] room = new byte[payload.length + 1];
            for (int attempt = 1; ; attempt++) {
                socket.send(new DatagramPacket(payload, payload.length, server));
                DatagramPacket reply = new DatagramPacket(room, room.length);
                try {
                    do {
                        socket.receive(reply);
                    } while (!server.equals(reply.getSocketAddress())); // only the server's replies count
                    return Arrays.copyOf(reply.getData(), reply.getLength());
                } catch (SocketTimeoutException e) {
                    if (attempt == ATTEMPTS) {
                        throw new SocketTimeoutException("no echo after " + ATTEMPTS + " sends of " + payload.length
                                + " bytes to " + server);
                    }
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static Stream<Arguments> payloads() {
        return loopbacks().flatMap(address -> IntStream.of(0, 1, 1_000, MAX_PAYLOAD)
                .mapToObj(size -> Arguments.of(address, size)));
    }

    @ParameterizedTest(name = "{1} bytes over {0}")
    @MethodSource("payloads")
    void echoesDatagramsExactly(String address, int size) throws Exception {
        assumeAvailable(address);
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        try (Client client = client(address, server.port)) {
            client.socket().setReceiveBufferSize(4 * MAX_PAYLOAD);
            assertArrayEquals(payload, client.exchange(payload));
        }
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("loopbacks")
    void echoesBackToEachSender200DatagramsFrom20ConcurrentClients(String address) throws Exception {
        assumeAvailable(address);
        int clients = 20;
        int datagramsEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    int echoed = 0;
                    try (Client socket = client(address, server.port)) {
                        for (int i = 0; i < datagramsEach; i++) {
                            byte[] payload = ("client " + client + " datagram " + i).getBytes(StandardCharsets.US_ASCII);
                            assertArrayEquals(payload, socket.exchange(payload), "client " + client + " datagram " + i);
                            echoed++;
                        }
                    }
                    return echoed;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(60, TimeUnit.SECONDS);
            }
            assertEquals(clients * datagramsEach, total);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "client threads ended");
        }
    }

    @Test
    void printsTheSameListeningLinesAsTcp() {
        List<String> lines = server.stdout().stream().filter(line -> line.startsWith("listening on ")).toList();
        if (KERNEL_HAS_IPV6_LOOPBACK) {
            assertEquals(List.of("listening on 127.0.0.1:" + server.port, "listening on [::1]:" + server.port), lines);
        } else {
            assertEquals(List.of("listening on 127.0.0.1:" + server.port), lines);
        }
    }

    @Test
    void servesNoTcp() {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.port), 5_000);
            }
        });
    }

    @Test
    void hostLiteralServesThereOnly() throws Exception {
        try (EchoServerProcess own = EchoServerProcess.start(1, "--udp", "--host", "127.0.0.1", "--port", "0")) {
            assertEquals(List.of("listening on 127.0.0.1:" + own.port),
                    own.stdout().stream().filter(line -> line.startsWith("listening on ")).toList());
            try (Client client = client("127.0.0.1", own.port)) {
                assertArrayEquals("only v4".getBytes(StandardCharsets.US_ASCII),
                        client.exchange("only v4".getBytes(StandardCharsets.US_ASCII)));
            }
            if (KERNEL_HAS_IPV6_LOOPBACK) {
                new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), own.port)).close(); // ::1 is free
            }
        }
    }

    @Test
    void portInUseIsAClearError() throws Exception {
        EchoServerProcess.Result result = EchoServerProcess.run("--udp", "--port", Integer.toString(server.port));
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(List.of(), result.stdout());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().startsWith("cannot listen on 127.0.0.1:" + server.port + ": "), result.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void stopsPromptlyOnSignalAndFreesThePort(String signal) throws Exception {
        List<String> addresses = KERNEL_HAS_IPV6_LOOPBACK ? List.of("127.0.0.1", "::1") : List.of("127.0.0.1");
        try (EchoServerProcess own = EchoServerProcess.start(addresses.size(), "--udp", "--port", "0")) {
            for (String address : addresses) { // the receive threads are running, and then blocked in receive
                try (Client client = client(address, own.port)) {
                    assertArrayEquals(new byte[] {'x'}, client.exchange(new byte[] {'x'}));
                }
            }
            long start = System.nanoTime();
            own.signal(signal);
            assertTrue(own.process.waitFor(15, TimeUnit.SECONDS), "server exits after SIG" + signal);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            own.awaitOutput();
            assertEquals("stopped", own.stdout().getLast(), own.stdout().toString());
            assertTrue(millis < 5_000, "a blocked receive does not hold the exit: " + millis + " ms");
            for (String address : addresses) {
                new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), own.port)).close();
            }
        }
    }
}
