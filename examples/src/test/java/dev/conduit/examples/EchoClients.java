package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The TCP clients of the black-box tests: the JDK's own sockets, over 127.0.0.1 and ::1. */
final class EchoClients {

    static final boolean KERNEL_HAS_IPV6_LOOPBACK = kernelHasIpv6Loopback();

    private EchoClients() {
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

    /** Listening lines a server with default addresses prints: one per loopback the kernel has. */
    static int loopbackCount() {
        return KERNEL_HAS_IPV6_LOOPBACK ? 2 : 1;
    }

    static Stream<String> loopbacks() {
        return Stream.of("127.0.0.1", "::1");
    }

    static void assumeAvailable(String address) {
        if (address.contains(":")) {
            assumeTrue(KERNEL_HAS_IPV6_LOOPBACK, "the kernel has no IPv6 loopback ::1: only 127.0.0.1 is tested");
        }
    }

    static Socket connect(String address, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Sends everything from another thread while reading, then half-closes: returns what came back. */
    static byte[] roundTrip(Socket socket, byte[] payload) throws Exception {
        CompletableFuture<Void> sending = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("echo-test-sender").start(() -> {
            try {
                if (socket instanceof javax.net.ssl.SSLSocket tls) {
                    tls.startHandshake(); // the JDK's SSLSocket cannot half-close a connection it never used
                }
                OutputStream out = socket.getOutputStream();
                out.write(payload);
                out.flush();
                socket.shutdownOutput();
                sending.complete(null);
            } catch (IOException | RuntimeException e) {
                sending.completeExceptionally(e);
            }
        });
        byte[] echoed = socket.getInputStream().readAllBytes();
        sending.get(30, TimeUnit.SECONDS);
        return echoed;
    }

    static void assertEchoes(String address, int port) throws Exception {
        byte[] payload = ("hello over " + address).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect(address, port)) {
            assertArrayEquals(payload, roundTrip(socket, payload), address);
        }
    }

    static void assertNotListening(String address, int port) {
        assertThrows(ConnectException.class, () -> connect(address, port).close(), "not listening on " + address);
    }

    /** The server's fd count once connections have finished closing: {@code target}, or stable (bounded wait). */
    static long settledFdCount(EchoServerProcess server, long target) throws Exception {
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
}
