package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Black-box run of the packaged echo server over loopback, with the JDK's own client sockets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerIT {

    private static EchoServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EchoServerProcess.start("--port", "0");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port), 10_000);
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

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1_000, 65_536, 1 << 20, 8 << 20})
    void echoesPayloadsExactly(int size) throws Exception {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        try (Socket socket = connect()) {
            assertArrayEquals(payload, roundTrip(socket, payload));
        }
    }

    @Test
    void serves1000ConcurrentClients() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                clients.add(connect());
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
    void halfCloseGetsTheRestAndThenEndOfStream() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("before half-close".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            assertEquals("before half-close", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals(-1, in.read(), "server closes its side after echoing everything");
        }
    }

    @Test
    void survivesClientsThatReset() throws Exception {
        for (int i = 0; i < 50; i++) {
            Socket socket = connect();
            socket.getOutputStream().write(new byte[100_000]);
            socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
            socket.close();
        }
        try (Socket socket = connect()) {
            assertArrayEquals("still here".getBytes(StandardCharsets.US_ASCII),
                    roundTrip(socket, "still here".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void idleClientsDoNotBlockOthers() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                idle.add(connect());
            }
            try (Socket active = connect()) {
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

    @Test
    void noFileDescriptorGrowthAfterClientsLeave() throws Exception {
        // warm up: threads, buffers and lazily linked calls exist before the baseline
        try (Socket socket = connect()) {
            roundTrip(socket, new byte[10]);
        }
        long baseline = settledFdCount(-1);
        for (int i = 0; i < 300; i++) {
            try (Socket socket = connect()) {
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
    void refusesBadArguments() throws Exception {
        for (String[] args : new String[][] {{"--port", "70000"}, {"--port"}, {"--bogus"}}) {
            Process p = new ProcessBuilder(EchoServerProcess.command(args)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), out);
            assertTrue(out.contains("usage:"), out);
        }
    }

    @Test
    void portInUseIsAClearError() throws Exception {
        Process p = new ProcessBuilder(EchoServerProcess.command("--port", Integer.toString(server.port)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("cannot listen on 127.0.0.1:" + server.port), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void stopsCleanlyOnSignal(String signal) throws Exception {
        try (EchoServerProcess own = EchoServerProcess.start("--port", "0")) {
            Socket connected = new Socket("127.0.0.1", own.port);
            connected.setSoTimeout(10_000);
            // a round trip first: a connection still in the accept queue is reset, not served
            connected.getOutputStream().write('x');
            assertEquals('x', connected.getInputStream().read());
            own.signal(signal);
            assertTrue(own.process.waitFor(15, TimeUnit.SECONDS), "server exits after SIG" + signal);
            assertTrue(own.output().contains("stopped"), own.output().toString());
            assertEquals(-1, connected.getInputStream().read(), "open connections are closed on the way out");
            connected.close();
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", own.port).close(), "no longer listening");
        }
    }
}
