package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bytes over a loopback {@link TcpListener}/{@link TcpStream} connection, with every kind of buffer. */
@Timeout(30)
class TcpStreamRoundTripTest {

    static final byte[] HELLO = "hello, conduit".getBytes(StandardCharsets.UTF_8);

    @Test
    void echoesThroughAcceptedConnection() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().writeAll(HELLO);
            byte[] received = readExactly(loopback.server(), HELLO.length);
            loopback.server().writeAll(received);
            assertArrayEquals(HELLO, readExactly(loopback.client(), HELLO.length));
        }
    }

    @Test
    void everyReadReturnsMinusOneWhenPeerCloses() throws Exception {
        try (Loopback loopback = Loopback.open(); Arena arena = Arena.ofConfined()) {
            loopback.client().close();
            TcpStream server = loopback.server();
            for (int i = 0; i < 2; i++) { // end of stream is not consumed by seeing it
                assertEquals(-1, server.read(new byte[16]));
                assertEquals(-1, server.read(new byte[16], 4, 8));
                assertEquals(-1, server.read(ByteBuffer.allocate(16)));
                assertEquals(-1, server.read(ByteBuffer.allocateDirect(16)));
                assertEquals(-1, server.read(MemorySegment.ofArray(new byte[16])));
                assertEquals(-1, server.read(arena.allocate(16)));
            }
        }
    }

    @Test
    void endOfStreamLeavesTheBufferAlone() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().close();
            ByteBuffer buffer = ByteBuffer.allocate(16).position(5);
            assertEquals(-1, loopback.server().read(buffer));
            assertEquals(5, buffer.position(), "no bytes read: the position stays");
        }
    }

    @Test
    void halfCloseLetsThePeerAnswer() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().writeAll(HELLO);
            loopback.client().shutdownOutput();
            assertArrayEquals(HELLO, readToEnd(loopback.server()));
            loopback.server().writeAll(HELLO);
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

    /** 8 MiB: several times the 1 MiB a heap buffer crosses to the kernel in, and more than the socket buffers hold. */
    @ParameterizedTest
    @ValueSource(strings = {"byte[]", "heap segment", "native segment"})
    void largePayloadArrivesIntact(String kind) throws Exception {
        byte[] payload = new byte[8 * 1024 * 1024];
        new Random(42).nextBytes(payload);
        try (Loopback loopback = Loopback.open(); Arena arena = Arena.ofShared()) {
            MemorySegment nativePayload = arena.allocateFrom(ValueLayout.JAVA_BYTE, payload);
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    switch (kind) {
                        case "byte[]" -> loopback.client().writeAll(payload);
                        case "heap segment" -> loopback.client().writeAll(MemorySegment.ofArray(payload));
                        default -> loopback.client().writeAll(nativePayload);
                    }
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
    void byteArrayReadsLandAtTheOffset() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().writeAll(HELLO);
            byte[] into = new byte[HELLO.length + 10];
            Arrays.fill(into, (byte) '#');
            int total = 0;
            for (int i = 0; i < 100 && total < HELLO.length; i++) {
                total += loopback.server().read(into, 5 + total, HELLO.length - total);
            }
            assertArrayEquals(HELLO, Arrays.copyOfRange(into, 5, 5 + HELLO.length));
            assertEquals("#####", new String(into, 0, 5, StandardCharsets.US_ASCII), "nothing before the offset");
            assertEquals("#####", new String(into, 5 + HELLO.length, 5, StandardCharsets.US_ASCII), "nothing after the length");
        }
    }

    @Test
    void nothingRemainingReadsAndWritesZero() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            assertEquals(0, loopback.server().read(ByteBuffer.allocate(0)));
            assertEquals(0, loopback.server().read(ByteBuffer.allocate(8).position(8)));
            assertEquals(0, loopback.server().read(MemorySegment.ofArray(new byte[0])));
            assertEquals(0, loopback.server().read(new byte[0]));
            assertEquals(0, loopback.server().read(new byte[8], 3, 0));
            assertEquals(0, loopback.client().write(ByteBuffer.allocate(0)));
            assertEquals(0, loopback.client().write(MemorySegment.ofArray(new byte[0])));
            loopback.client().writeAll(new byte[0]);
            // nothing was sent: the next byte the server reads is the first real one
            loopback.client().writeAll(new byte[] {42});
            assertArrayEquals(new byte[] {42}, readExactly(loopback.server(), 1));
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
        try (Loopback loopback = Loopback.open()) {
            assertTrue(loopback.listener().getOption(StandardSocketOptions.SO_REUSEADDR), "on for every listener");
            for (TcpStream stream : new TcpStream[] {loopback.client(), loopback.server()}) {
                stream.setOption(StandardSocketOptions.TCP_NODELAY, true);
                assertTrue(stream.getOption(StandardSocketOptions.TCP_NODELAY));
                stream.setOption(StandardSocketOptions.TCP_NODELAY, false);
                assertFalse(stream.getOption(StandardSocketOptions.TCP_NODELAY));
            }
            // still a working connection
            loopback.client().writeAll(HELLO);
            assertArrayEquals(HELLO, readExactly(loopback.server(), HELLO.length));
        }
    }

    @Test
    void listenWithTheSystemBacklogAndAnExplicitOne() throws Exception {
        for (int backlog : new int[] {-1, 0, 1, 8}) {
            try (TcpListener listener = TcpListener.bind(Loopback.address(0), backlog);
                    TcpStream client = TcpStream.connect(Loopback.address(listener.localAddress().getPort()));
                    TcpStream accepted = listener.accept()) {
                assertEquals(client.localAddress(), accepted.remoteAddress(), "backlog " + backlog);
            }
        }
        try (TcpListener listener = TcpListener.bind(Loopback.address(0));
                TcpStream client = TcpStream.connect(Loopback.HOST, listener.localAddress().getPort());
                TcpStream accepted = listener.accept()) {
            assertEquals(client.localAddress(), accepted.remoteAddress());
        }
    }

    @Test
    void theTypedFacesShowTheirSockets() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            for (NativeSocket socket : new NativeSocket[] {loopback.listener().socket(), loopback.client().socket(),
                loopback.server().socket()}) {
                assertSame(SocketFamily.INET, socket.family());
                assertSame(SocketType.STREAM, socket.type());
            }
            assertEquals(loopback.client().localAddress(), loopback.client().socket().localAddress());
        }
    }

    static byte[] readExactly(TcpStream stream, int length) throws IOException {
        byte[] received = new byte[length];
        int total = 0;
        for (int i = 0; i < 1000 && total < length; i++) {
            int n = stream.read(received, total, length - total);
            if (n < 0) {
                throw new EOFException("end of stream after " + total + " of " + length + " bytes");
            }
            total += n;
        }
        assertEquals(length, total, "bytes after 1000 reads");
        return received;
    }

    /** Reads with a heap ByteBuffer until end of stream; bounded by the payload sizes tests use. */
    static byte[] readToEnd(TcpStream stream) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < 1_000_000; i++) {
            buffer.clear();
            if (stream.read(buffer) < 0) {
                return received.toByteArray();
            }
            received.write(buffer.array(), 0, buffer.position());
        }
        throw new AssertionError("no end of stream after 1,000,000 reads");
    }

    private static byte[] readSegment(TcpStream stream, MemorySegment into, int length) throws IOException {
        long total = 0;
        for (int i = 0; i < 1000 && total < length; i++) {
            long n = stream.read(into.asSlice(total));
            assertTrue(n > 0, "no end of stream expected");
            total += n;
        }
        return into.asSlice(0, total).toArray(ValueLayout.JAVA_BYTE);
    }
}
