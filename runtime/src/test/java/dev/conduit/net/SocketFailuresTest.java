package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input and failing calls: each a clear, typed exception. */
@Timeout(30)
class SocketFailuresTest {

    /**
     * Malformed IPv4 literals (strict: what C's inet_aton would accept leniently, too), malformed IPv6
     * literals and brackets, and names that cannot exist: each fails before any socket is made, naming
     * the host quoted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.-4", "1.2.3.4 ", " 1.2.3.4", "1..3.4",
        "0x7f.0.0.1", "1.2.3.٤", "[::1", "::1]", "[]", "[127.0.0.1]", "::g", "1:2:3:4:5:6:7:8:9", "[::g]",
        "[1.2.3.4]"})
    void malformedHostIsUnknown(String host) {
        UnknownHostException bind = assertThrows(UnknownHostException.class, () -> TcpListener.bind(host, 0).close());
        assertTrue(bind.getMessage().contains("\"" + host + "\""), bind.getMessage());
        UnknownHostException connect = assertThrows(UnknownHostException.class, () -> TcpStream.connect(host, 80).close());
        assertTrue(connect.getMessage().contains("\"" + host + "\""), connect.getMessage());
    }

    @Test
    void anEmptyHostIsUnknown() {
        UnknownHostException bind = assertThrows(UnknownHostException.class, () -> TcpListener.bind("", 0).close());
        assertTrue(bind.getMessage().contains("empty"), bind.getMessage());
        UnknownHostException connect = assertThrows(UnknownHostException.class, () -> TcpStream.connect("", 80).close());
        assertTrue(connect.getMessage().contains("empty"), connect.getMessage());
    }

    /** Once refused ("not supported yet"), now resolved: a name with getaddrinfo, IPv6 literals with or without brackets. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "::1", "[::1]"})
    void loopbackHostsResolveAndConnect(String host) throws IOException {
        try (TcpListener listener = TcpListener.bind(host, 0)) {
            InetAddress bound = listener.localAddress().getAddress();
            assertTrue(bound.isLoopbackAddress(), host + " bound " + bound);
            try (TcpStream client = TcpStream.connect(host, listener.localAddress().getPort());
                    TcpStream accepted = listener.accept()) {
                assertEquals(client.localAddress(), accepted.remoteAddress());
                assertEquals(listener.localAddress(), client.remoteAddress());
            }
        }
    }

    @Test
    void unresolvedAddressesAreUnknown() throws IOException {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("no-such-host.invalid", 80);
        UnknownHostException listen = assertThrows(UnknownHostException.class, () -> TcpListener.bind(unresolved).close());
        assertTrue(listen.getMessage().contains("\"no-such-host.invalid\""), listen.getMessage());
        UnknownHostException connect = assertThrows(UnknownHostException.class, () -> TcpStream.connect(unresolved).close());
        assertTrue(connect.getMessage().contains("\"no-such-host.invalid\""), connect.getMessage());
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            UnknownHostException bind = assertThrows(UnknownHostException.class, () -> socket.bind(unresolved));
            assertTrue(bind.getMessage().contains("\"no-such-host.invalid\""), bind.getMessage());
            assertThrows(UnknownHostException.class, () -> socket.connect(unresolved));
            assertFalse(socket.isClosed(), "a bad address leaves the socket usable");
            socket.bind(Loopback.address(0));
        }
    }

    @Test
    void addressesASocketCannotUse() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
            IllegalArgumentException bind = assertThrows(IllegalArgumentException.class, () -> socket.bind(v6));
            assertTrue(bind.getMessage().contains("[0:0:0:0:0:0:0:1]:0"), bind.getMessage());
            assertThrows(IllegalArgumentException.class, () -> socket.connect(v6));
            UnixDomainSocketAddress unix = UnixDomainSocketAddress.of("/tmp/conduit-test.sock");
            assertThrows(IllegalArgumentException.class, () -> socket.bind(unix));
            assertThrows(IllegalArgumentException.class, () -> socket.connect(unix));
        }
    }

    @Test
    void portOutOfRange() {
        for (int port : new int[] {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            IllegalArgumentException bind = assertThrows(IllegalArgumentException.class, () -> TcpListener.bind(Loopback.HOST, port));
            assertEquals("port out of range 0..65535: " + port, bind.getMessage());
            IllegalArgumentException connect = assertThrows(IllegalArgumentException.class, () -> TcpStream.connect(Loopback.HOST, port));
            assertEquals("port out of range 0..65535: " + port, connect.getMessage());
        }
    }

    @Test
    void nullsAndBadSizes() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            assertThrows(NullPointerException.class, () -> socket.bind(null));
            assertThrows(NullPointerException.class, () -> socket.connect(null));
            assertThrows(NullPointerException.class, () -> socket.read((byte[]) null, 0, 0));
            assertThrows(NullPointerException.class, () -> socket.write((byte[]) null, 0, 0));
            assertThrows(NullPointerException.class, () -> socket.read((ByteBuffer) null));
            assertThrows(NullPointerException.class, () -> socket.write((ByteBuffer) null));
            assertThrows(NullPointerException.class, () -> socket.read((MemorySegment) null));
            assertThrows(NullPointerException.class, () -> socket.write((MemorySegment) null));
            assertThrows(NullPointerException.class, () -> socket.setOption(null, true));
            assertThrows(NullPointerException.class, () -> socket.setOption(StandardSocketOptions.TCP_NODELAY, null));
            assertThrows(NullPointerException.class, () -> socket.getOption(null));
            for (int[] slice : new int[][] {{0, -1}, {-1, 1}, {0, 9}, {8, 1}, {Integer.MAX_VALUE, 2}}) {
                assertThrows(IndexOutOfBoundsException.class, () -> socket.read(new byte[8], slice[0], slice[1]));
                assertThrows(IndexOutOfBoundsException.class, () -> socket.write(new byte[8], slice[0], slice[1]));
            }
            IllegalArgumentException listen = assertThrows(IllegalArgumentException.class, () -> socket.listen(-1));
            assertEquals("backlog must not be negative: -1", listen.getMessage());
        }
        assertThrows(NullPointerException.class, () -> NativeSocket.open(null, SocketType.STREAM, SocketProtocol.DEFAULT));
        assertThrows(NullPointerException.class, () -> NativeSocket.open(SocketFamily.INET, null, SocketProtocol.DEFAULT));
        assertThrows(NullPointerException.class, () -> NativeSocket.open(SocketFamily.INET, SocketType.STREAM, null));
        assertThrows(NullPointerException.class, () -> NativeSocket.open(null, SocketType.STREAM));
        assertThrows(NullPointerException.class, () -> NativeSocket.open(SocketFamily.INET, null));
        IllegalArgumentException adopt = assertThrows(IllegalArgumentException.class, () -> NativeSocket.adopt(-1));
        assertEquals("not a descriptor: -1", adopt.getMessage());
        assertThrows(NullPointerException.class, () -> TcpListener.bind((String) null, 0));
        assertThrows(NullPointerException.class, () -> TcpListener.bind((InetSocketAddress) null));
        assertThrows(NullPointerException.class, () -> TcpListener.bind((InetSocketAddress) null, 8));
        assertThrows(NullPointerException.class, () -> TcpStream.connect((String) null, 80));
        assertThrows(NullPointerException.class, () -> TcpStream.connect((InetSocketAddress) null));
        try (Loopback loopback = Loopback.open()) {
            assertThrows(NullPointerException.class, () -> loopback.client().writeAll((byte[]) null));
            assertThrows(NullPointerException.class, () -> loopback.client().writeAll((MemorySegment) null));
            assertThrows(NullPointerException.class, () -> loopback.client().read((byte[]) null));
            assertThrows(NullPointerException.class, () -> loopback.client().read((ByteBuffer) null));
            assertThrows(IndexOutOfBoundsException.class, () -> loopback.client().read(new byte[8], 4, 5));
        }
    }

    @Test
    void listenRefusesAnUnboundSocket() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> socket.listen(8));
            assertTrue(e.getMessage().contains("not bound"), e.getMessage());
            assertThrows(IllegalStateException.class, socket::listen);
            assertEquals(0, ((InetSocketAddress) socket.localAddress()).getPort(), "refusing did not bind it");
            socket.bind(Loopback.address(0));
            socket.listen(8); // and once bound it listens
        }
    }

    @Test
    void bindToAnAddressInUse() throws IOException {
        try (NativeSocket first = NativeLoopback.listening();
                NativeSocket second = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            int port = ((InetSocketAddress) first.localAddress()).getPort();
            BindException e = assertThrows(BindException.class, () -> second.bind(Loopback.address(port)));
            assertEquals("bind: EADDRINUSE (127.0.0.1:" + port + ")", e.getMessage());
            // SO_REUSEADDR, on for every TcpListener, does not let two listen on one address
            BindException listener = assertThrows(BindException.class, () -> TcpListener.bind(Loopback.HOST, port));
            assertEquals("bind: EADDRINUSE (127.0.0.1:" + port + ")", listener.getMessage());
        }
    }

    @Test
    void bindToAnAddressNotLocal() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            BindException e = assertThrows(BindException.class, () -> socket.bind(new InetSocketAddress("192.0.2.1", 0))); // TEST-NET-1
            assertEquals("bind: EADDRNOTAVAIL (192.0.2.1:0)", e.getMessage());
        }
        BindException listener = assertThrows(BindException.class, () -> TcpListener.bind("192.0.2.1", 0));
        assertEquals("bind: EADDRNOTAVAIL (192.0.2.1:0)", listener.getMessage());
    }

    @Test
    void connectToAClosedPort() throws IOException {
        int port = closedPort();
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            ConnectException e = assertThrows(ConnectException.class, () -> socket.connect(Loopback.address(port)));
            assertEquals("connect: ECONNREFUSED (127.0.0.1:" + port + ")", e.getMessage());
        }
        ConnectException stream = assertThrows(ConnectException.class, () -> TcpStream.connect(Loopback.HOST, port));
        assertEquals("connect: ECONNREFUSED (127.0.0.1:" + port + ")", stream.getMessage());
        ConnectException address = assertThrows(ConnectException.class, () -> TcpStream.connect(Loopback.address(port)));
        assertEquals("connect: ECONNREFUSED (127.0.0.1:" + port + ")", address.getMessage());
    }

    @Test
    void remoteAddressOfAnUnconnectedSocket() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            ErrnoException e = assertThrows(ErrnoException.class, socket::remoteAddress);
            assertEquals("getpeername", e.function());
            assertEquals("ENOTCONN", e.errnoName());
        }
    }

    @Test
    void everyOperationOnAClosedSocket() throws IOException {
        NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
        assertFalse(socket.isClosed());
        socket.close();
        assertTrue(socket.isClosed());
        assertEquals(SocketFamily.INET, socket.family(), "plain fields stay readable");
        assertEquals(SocketType.STREAM, socket.type());
        assertTrue(socket.toString().contains("closed"), socket.toString());
        List<Executable> operations = List.of(
                () -> socket.bind(Loopback.address(0)),
                () -> socket.listen(1),
                socket::listen,
                socket::accept,
                () -> socket.connect(Loopback.address(1)),
                () -> socket.read(new byte[1], 0, 1),
                () -> socket.read(new byte[1], 0, 0),
                () -> socket.write(new byte[1], 0, 1),
                () -> socket.write(new byte[1], 0, 0),
                () -> socket.read(ByteBuffer.allocate(1)),
                () -> socket.read(ByteBuffer.allocate(0)),
                () -> socket.write(ByteBuffer.allocate(1)),
                () -> socket.write(ByteBuffer.allocate(0)),
                () -> socket.read(MemorySegment.ofArray(new byte[1])),
                () -> socket.write(MemorySegment.ofArray(new byte[1])),
                socket::shutdownOutput,
                socket::shutdownInput,
                socket::localAddress,
                socket::remoteAddress,
                () -> socket.setOption(StandardSocketOptions.SO_REUSEADDR, true),
                () -> socket.getOption(StandardSocketOptions.SO_REUSEADDR),
                () -> socket.setOption(StandardSocketOptions.TCP_NODELAY, true),
                () -> socket.getOption(StandardSocketOptions.TCP_NODELAY),
                socket::fd,
                socket::release,
                socket::duplicate);
        assertAllThrowClosed(operations);
    }

    @Test
    void everyOperationOnAClosedStreamAndListener() throws IOException {
        Loopback loopback = Loopback.open();
        loopback.close();
        TcpStream stream = loopback.client();
        TcpListener listener = loopback.listener();
        assertTrue(stream.isClosed());
        assertTrue(stream.socket().isClosed());
        assertTrue(listener.isClosed());
        assertTrue(loopback.server().isClosed());
        assertAllThrowClosed(List.of(
                () -> stream.read(new byte[1]),
                () -> stream.read(new byte[0]),
                () -> stream.read(ByteBuffer.allocate(1)),
                () -> stream.read(MemorySegment.ofArray(new byte[1])),
                () -> stream.write(ByteBuffer.allocate(1)),
                () -> stream.write(MemorySegment.ofArray(new byte[1])),
                () -> stream.writeAll(new byte[1]),
                () -> stream.writeAll(new byte[0]),
                () -> stream.writeAll(MemorySegment.ofArray(new byte[0])),
                stream::shutdownOutput,
                stream::shutdownInput,
                stream::localAddress,
                stream::remoteAddress,
                () -> stream.setOption(StandardSocketOptions.TCP_NODELAY, true),
                () -> stream.getOption(StandardSocketOptions.TCP_NODELAY),
                listener::accept,
                listener::localAddress,
                () -> listener.setOption(StandardSocketOptions.SO_REUSEADDR, true),
                () -> listener.getOption(StandardSocketOptions.SO_REUSEADDR)));
    }

    private static void assertAllThrowClosed(List<Executable> operations) {
        for (Executable operation : operations) {
            SocketClosedException e = assertThrows(SocketClosedException.class, operation);
            assertEquals("Socket is closed", e.getMessage());
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
        socket.close();
        assertDoesNotThrow(socket::close);
        assertDoesNotThrow(socket::close);
        assertTrue(socket.isClosed());

        Loopback loopback = Loopback.open();
        for (int i = 0; i < 3; i++) {
            assertDoesNotThrow(loopback::close);
            assertDoesNotThrow(loopback.client()::close);
            assertDoesNotThrow(loopback.listener()::close);
        }
    }

    @Test
    void writingToAPeerThatClosedThrowsAndTheJvmLives() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().writeAll(new byte[] {1});
            TcpStreamRoundTripTest.readExactly(loopback.server(), 1);
            loopback.server().close(); // nothing unread: FIN now, then RST to our next segment
            IOException failure = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            for (int i = 0; i < 10_000 && failure == null && Instant.now().isBefore(deadline); i++) {
                try {
                    loopback.client().write(ByteBuffer.allocate(1024));
                    Thread.sleep(1);
                } catch (IOException e) {
                    failure = e;
                }
            }
            assertNotNull(failure, "writes to a closed peer kept succeeding");
            ErrnoException errno = assertInstanceOf(ErrnoException.class, failure);
            assertTrue(errno.errnoName().equals("EPIPE") || errno.errnoName().equals("ECONNRESET"), failure.toString());
            if (errno.errnoName().equals("ECONNRESET")) {
                assertInstanceOf(ConnectionResetException.class, failure);
            }
            assertEquals("send", errno.function());
            assertFalse(loopback.client().isClosed(), "a failed write does not close the socket");
        }
    }

    /** A port nothing listens on: bound once, so it is valid, then released. */
    static int closedPort() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            socket.bind(Loopback.address(0));
            return ((InetSocketAddress) socket.localAddress()).getPort();
        }
    }
}
