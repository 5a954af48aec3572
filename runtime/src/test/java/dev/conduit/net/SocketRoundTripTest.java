package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SocketRoundTripTest {

    private static final byte[] HELLO = "hello, conduit".getBytes(StandardCharsets.UTF_8);

    @Test
    void echoesThroughAcceptedConnection() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().sendAll(HELLO);
            byte[] received = recvExactly(loopback.server(), HELLO.length);
            loopback.server().sendAll(received);
            assertArrayEquals(HELLO, recvExactly(loopback.client(), HELLO.length));
        }
    }

    @Test
    void recvThrowsEofAndReadReturnsMinusOneWhenPeerCloses() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().close();
            assertThrows(EOFException.class, () -> loopback.server().recv(16));
            assertEquals(-1, loopback.server().read(ByteBuffer.allocate(16)));
            try (Arena arena = Arena.ofConfined()) {
                assertEquals(-1, loopback.server().read(arena.allocate(16)));
            }
        }
    }

    @Test
    void halfCloseLetsThePeerAnswer() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().sendAll(HELLO);
            loopback.client().shutdownOutput();
            assertArrayEquals(HELLO, readToEnd(loopback.server()));
            loopback.server().sendAll(HELLO);
            loopback.server().shutdownOutput();
            assertArrayEquals(HELLO, readToEnd(loopback.client()));
        }
    }

    @Test
    void shutdownInputEndsTheStreamLocally() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.server().shutdownInput();
            assertEquals(-1, loopback.server().read(ByteBuffer.allocate(8)));
        }
    }

    @Test
    void largePayloadArrivesIntact() throws Exception {
        byte[] payload = new byte[8 * 1024 * 1024];
        new Random(42).nextBytes(payload);
        try (Loopback loopback = Loopback.open()) {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    loopback.client().sendAll(payload);
                    loopback.client().shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, runnable -> Thread.ofPlatform().daemon().start(runnable));
            byte[] received = readToEnd(loopback.server());
            sender.get(20, TimeUnit.SECONDS);
            assertEquals(payload.length, received.length);
            assertTrue(Arrays.equals(payload, received), "payload differs");
        }
    }

    @Test
    void heapAndDirectByteBuffers() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            for (boolean direct : new boolean[] {false, true}) {
                ByteBuffer out = direct ? ByteBuffer.allocateDirect(64) : ByteBuffer.allocate(64);
                out.put(HELLO).flip();
                assertEquals(HELLO.length, loopback.client().write(out));
                assertFalse(out.hasRemaining(), "write advances the position");

                ByteBuffer in = direct ? ByteBuffer.allocateDirect(64) : ByteBuffer.allocate(64);
                in.position(3); // reads land at the position
                int total = 0;
                for (int i = 0; i < 100 && total < HELLO.length; i++) {
                    total += loopback.server().read(in);
                }
                assertEquals(3 + HELLO.length, in.position());
                byte[] got = new byte[HELLO.length];
                in.flip().position(3);
                in.get(got);
                assertArrayEquals(HELLO, got, direct ? "direct" : "heap");
            }
        }
    }

    @Test
    void nothingRemainingReadsAndWritesZero() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            assertEquals(0, loopback.server().read(ByteBuffer.allocate(0)));
            assertEquals(0, loopback.server().read(MemorySegment.ofArray(new byte[0])));
            assertEquals(0, loopback.client().write(ByteBuffer.allocate(0)));
            assertEquals(0, loopback.server().recv(0).length);
        }
    }

    @Test
    void heapAndNativeMemorySegments() throws Exception {
        try (Loopback loopback = Loopback.open(); Arena arena = Arena.ofConfined()) {
            MemorySegment nativeOut = arena.allocateFrom(ValueLayout.JAVA_BYTE, HELLO);
            assertEquals(HELLO.length, loopback.client().write(nativeOut));
            MemorySegment heapIn = MemorySegment.ofArray(new byte[64]);
            assertArrayEquals(HELLO, readSegment(loopback.server(), heapIn, HELLO.length));

            assertEquals(HELLO.length, loopback.server().write(MemorySegment.ofArray(HELLO.clone())));
            MemorySegment nativeIn = arena.allocate(64);
            assertArrayEquals(HELLO, readSegment(loopback.client(), nativeIn, HELLO.length));
        }
    }

    @Test
    void readOnlyDestinationsAreRejected() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            assertThrows(IllegalArgumentException.class,
                    () -> loopback.server().read(ByteBuffer.allocate(8).asReadOnlyBuffer()));
            assertThrows(IllegalArgumentException.class,
                    () -> loopback.server().read(MemorySegment.ofArray(new byte[8]).asReadOnly()));
        }
    }

    @Test
    void addressesReportTheEphemeralPorts() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            InetSocketAddress listening = loopback.listener().localAddress();
            assertEquals(Loopback.HOST, listening.getAddress().getHostAddress());
            assertNotEquals(0, listening.getPort());

            InetSocketAddress clientLocal = loopback.client().localAddress();
            assertEquals(listening, loopback.client().remoteAddress());
            assertEquals(clientLocal, loopback.server().remoteAddress());
            assertEquals(listening, loopback.server().localAddress());
            assertNotEquals(0, clientLocal.getPort());
        }
    }

    @Test
    void optionsRoundTrip() throws Exception {
        try (Socket socket = Socket.open()) {
            socket.setReuseAddress(true);
            assertTrue(socket.reuseAddress());
            socket.setReuseAddress(false);
            assertFalse(socket.reuseAddress());
            socket.setTcpNoDelay(true);
            assertTrue(socket.tcpNoDelay());
            socket.setTcpNoDelay(false);
            assertFalse(socket.tcpNoDelay());
        }
    }

    @Test
    void listenWithTheSystemBacklog() throws Exception {
        try (Socket listener = Socket.open(); Socket client = Socket.open()) {
            listener.bind(Loopback.HOST, 0);
            listener.listen();
            client.connect(Loopback.HOST, listener.localAddress().getPort());
            try (Socket accepted = listener.accept()) {
                assertEquals(client.localAddress(), accepted.remoteAddress());
            }
        }
    }

    @Test
    void datagramsIncludingAnEmptyOne() throws Exception {
        try (Socket a = Socket.open(SocketFamily.INET, SocketType.DATAGRAM, SocketProtocol.UDP);
                Socket b = Socket.open(SocketFamily.INET, SocketType.DATAGRAM, SocketProtocol.DEFAULT)) {
            a.bind(Loopback.HOST, 0);
            b.bind(Loopback.HOST, 0);
            a.connect(Loopback.HOST, b.localAddress().getPort());
            b.connect(Loopback.HOST, a.localAddress().getPort());
            assertEquals(HELLO.length, a.send(HELLO));
            assertArrayEquals(HELLO, b.recv(1024), "one datagram per recv");
            assertEquals(0, a.send(new byte[0]));
            assertArrayEquals(new byte[0], b.recv(1024), "an empty datagram is not end of stream");
        }
    }

    @Test
    void mismatchedTypeAndProtocolIsTheKernelsError() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> Socket.open(SocketFamily.INET, SocketType.STREAM, SocketProtocol.UDP).close());
        assertEquals("socket", e.function());
        assertEquals("EPROTONOSUPPORT", e.errnoName());
    }

    static byte[] recvExactly(Socket socket, int length) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (int i = 0; i < 1000 && received.size() < length; i++) {
            received.writeBytes(socket.recv(length - received.size()));
        }
        return received.toByteArray();
    }

    /** Reads with a heap ByteBuffer until end of stream; bounded by the payload sizes tests use. */
    static byte[] readToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < 1_000_000; i++) {
            buffer.clear();
            if (socket.read(buffer) < 0) {
                return received.toByteArray();
            }
            received.write(buffer.array(), 0, buffer.position());
        }
        throw new AssertionError("no end of stream after 1,000,000 reads");
    }

    private static byte[] readSegment(Socket socket, MemorySegment into, int length) throws IOException {
        long total = 0;
        for (int i = 0; i < 1000 && total < length; i++) {
            long n = socket.read(into.asSlice(total));
            assertTrue(n > 0, "no end of stream expected");
            total += n;
        }
        return into.asSlice(0, total).toArray(ValueLayout.JAVA_BYTE);
    }
}
