package dev.conduit.net;

import static dev.conduit.net.TcpStreamRoundTripTest.HELLO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link NativeSocket}, one system call per method, over loopback: streams, datagrams, options. */
@Timeout(30)
class NativeSocketRoundTripTest {

    @Test
    void echoesThroughAcceptedConnection() throws Exception {
        try (NativeLoopback loopback = NativeLoopback.open()) {
            NativeLoopback.writeAll(loopback.client(), HELLO);
            byte[] received = NativeLoopback.readExactly(loopback.server(), HELLO.length);
            NativeLoopback.writeAll(loopback.server(), received);
            assertArrayEquals(HELLO, NativeLoopback.readExactly(loopback.client(), HELLO.length));
        }
    }

    @Test
    void writesSendExactlyTheSliceAsked() throws Exception {
        try (NativeLoopback loopback = NativeLoopback.open()) {
            byte[] framed = new byte[HELLO.length + 6];
            Arrays.fill(framed, (byte) '#');
            System.arraycopy(HELLO, 0, framed, 3, HELLO.length);
            assertEquals(HELLO.length, loopback.client().write(framed, 3, HELLO.length));
            loopback.client().shutdownOutput();
            assertArrayEquals(HELLO, NativeLoopback.readExactly(loopback.server(), HELLO.length));
            assertEquals(-1, loopback.server().read(new byte[8], 0, 8), "nothing beyond the slice was sent");
        }
    }

    @Test
    void everyReadReturnsMinusOneWhenPeerCloses() throws Exception {
        try (NativeLoopback loopback = NativeLoopback.open(); Arena arena = Arena.ofConfined()) {
            loopback.client().close();
            NativeSocket server = loopback.server();
            for (int i = 0; i < 2; i++) {
                assertEquals(-1, server.read(new byte[16], 0, 16));
                assertEquals(-1, server.read(ByteBuffer.allocate(16)));
                assertEquals(-1, server.read(ByteBuffer.allocateDirect(16)));
                assertEquals(-1, server.read(MemorySegment.ofArray(new byte[16])));
                assertEquals(-1, server.read(arena.allocate(16)));
            }
        }
    }

    @Test
    void addressesReportTheEphemeralPorts() throws Exception {
        try (NativeLoopback loopback = NativeLoopback.open()) {
            InetSocketAddress listening = (InetSocketAddress) loopback.listener().localAddress();
            assertEquals(Loopback.HOST, listening.getAddress().getHostAddress());
            assertNotEquals(0, listening.getPort());
            assertEquals(listening, loopback.client().remoteAddress());
            assertEquals(loopback.client().localAddress(), loopback.server().remoteAddress());
            assertEquals(listening, loopback.server().localAddress());
        }
    }

    @Test
    void anUnboundSocketReportsPortZero() throws Exception {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            assertEquals(0, ((InetSocketAddress) socket.localAddress()).getPort());
            assertTrue(((InetSocketAddress) socket.localAddress()).getAddress().isAnyLocalAddress(), socket.localAddress().toString());
        }
    }

    @Test
    void optionsRoundTrip() throws Exception {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            assertFalse(socket.getOption(StandardSocketOptions.SO_REUSEADDR), "off on a new socket, as in C");
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            assertTrue(socket.getOption(StandardSocketOptions.SO_REUSEADDR));
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            assertFalse(socket.getOption(StandardSocketOptions.SO_REUSEADDR));
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            assertTrue(socket.getOption(StandardSocketOptions.TCP_NODELAY));
            socket.setOption(StandardSocketOptions.TCP_NODELAY, false);
            assertFalse(socket.getOption(StandardSocketOptions.TCP_NODELAY));
            assertTrue(socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEADDR));
            assertTrue(socket.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY));
        }
    }

    @Test
    void streamOnlyOptionsAreRefusedOnDatagramSockets() throws Exception {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.DATAGRAM)) {
            assertFalse(socket.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY));
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> socket.setOption(StandardSocketOptions.TCP_NODELAY, true));
            assertTrue(e.getMessage().contains("TCP_NODELAY"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> socket.getOption(StandardSocketOptions.TCP_NODELAY));
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true); // a socket-level option still works
            assertTrue(socket.getOption(StandardSocketOptions.SO_REUSEADDR));
        }
    }

    @Test
    void listenWithTheSystemBacklog() throws Exception {
        try (NativeSocket listener = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
                NativeSocket client = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            listener.bind(Loopback.address(0));
            listener.listen();
            client.connect(Loopback.address(((InetSocketAddress) listener.localAddress()).getPort()));
            try (NativeSocket accepted = listener.accept()) {
                assertEquals(client.localAddress(), accepted.remoteAddress());
                assertSame(SocketFamily.INET, accepted.family());
                assertSame(SocketType.STREAM, accepted.type());
            }
        }
    }

    @Test
    void datagramsIncludingAnEmptyOne() throws Exception {
        try (NativeSocket a = NativeSocket.open(SocketFamily.INET, SocketType.DATAGRAM, SocketProtocol.UDP);
                NativeSocket b = NativeSocket.open(SocketFamily.INET, SocketType.DATAGRAM)) {
            assertSame(SocketType.DATAGRAM, a.type());
            assertSame(SocketType.DATAGRAM, b.type());
            a.bind(Loopback.address(0));
            b.bind(Loopback.address(0));
            a.connect(b.localAddress());
            b.connect(a.localAddress());
            assertEquals(HELLO.length, a.write(HELLO, 0, HELLO.length));
            assertEquals(3, a.write(HELLO, 0, 3));
            byte[] buffer = new byte[1024];
            assertEquals(HELLO.length, b.read(buffer, 0, buffer.length), "one datagram per read");
            assertArrayEquals(HELLO, Arrays.copyOf(buffer, HELLO.length));
            assertEquals(3, b.read(buffer, 0, buffer.length), "the second datagram on its own");
            assertArrayEquals(Arrays.copyOf(HELLO, 3), Arrays.copyOf(buffer, 3));

            assertEquals(0, a.write(new byte[0], 0, 0));
            assertEquals(0, b.read(buffer, 0, buffer.length), "an empty datagram is not end of stream");
            assertEquals(0, a.write(ByteBuffer.allocate(0)));
            assertEquals(0, b.read(ByteBuffer.allocate(64)), "an empty datagram is not end of stream");

            // and the sockets still carry datagrams afterwards
            assertEquals(HELLO.length, b.write(ByteBuffer.wrap(HELLO)));
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            assertEquals(HELLO.length, a.read(in));
            byte[] got = new byte[HELLO.length];
            in.flip().get(got);
            assertArrayEquals(HELLO, got);
        }
    }

    @Test
    void mismatchedTypeAndProtocolIsTheKernelsError() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> NativeSocket.open(SocketFamily.INET, SocketType.STREAM, SocketProtocol.UDP).close());
        assertEquals("socket", e.function());
        assertEquals("EPROTONOSUPPORT", e.errnoName());
    }

    @Test
    void explicitProtocolsMatchingTheType() throws Exception {
        try (NativeSocket tcp = NativeSocket.open(SocketFamily.INET, SocketType.STREAM, SocketProtocol.TCP);
                NativeSocket udp = NativeSocket.open(SocketFamily.INET, SocketType.DATAGRAM, SocketProtocol.UDP)) {
            assertSame(SocketType.STREAM, tcp.type());
            assertSame(SocketFamily.INET, tcp.family());
            assertSame(SocketType.DATAGRAM, udp.type());
        }
    }
}
