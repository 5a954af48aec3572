package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.ConnectException;
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

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "::1", "[::1]", "", "1.2.3", "1.2.3.4.5", "256.0.0.1",
        "01.2.3.4", "1.2.3.-4", "1.2.3.4 ", "1..3.4", "0x7f.0.0.1", "1.2.3.٤"})
    void hostThatIsNotAnIpv4LiteralIsUnknown(String host) throws IOException {
        try (Socket socket = Socket.open()) {
            UnknownHostException bind = assertThrows(UnknownHostException.class, () -> socket.bind(host, 0));
            assertTrue(bind.getMessage().contains("\"" + host + "\""), bind.getMessage());
            assertTrue(bind.getMessage().contains("not supported yet"), bind.getMessage());
            assertThrows(UnknownHostException.class, () -> socket.connect(host, 80));
        }
    }

    @Test
    void portOutOfRange() throws IOException {
        try (Socket socket = Socket.open()) {
            for (int port : new int[] {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> socket.bind("127.0.0.1", port));
                assertEquals("port out of range 0..65535: " + port, e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> socket.connect("127.0.0.1", port));
            }
        }
    }

    @Test
    void nullsAndNegativeSizes() throws IOException {
        try (Socket socket = Socket.open()) {
            assertThrows(NullPointerException.class, () -> socket.bind(null, 0));
            assertThrows(NullPointerException.class, () -> socket.connect(null, 80));
            assertThrows(NullPointerException.class, () -> socket.send(null));
            assertThrows(NullPointerException.class, () -> socket.sendAll(null));
            assertThrows(NullPointerException.class, () -> socket.read((ByteBuffer) null));
            assertThrows(NullPointerException.class, () -> socket.write((ByteBuffer) null));
            assertThrows(NullPointerException.class, () -> socket.read((MemorySegment) null));
            assertThrows(NullPointerException.class, () -> socket.write((MemorySegment) null));
            assertThrows(NullPointerException.class, () -> Socket.open(null, SocketType.STREAM, SocketProtocol.DEFAULT));
            assertThrows(NullPointerException.class, () -> Socket.open(SocketFamily.INET, null, SocketProtocol.DEFAULT));
            assertThrows(NullPointerException.class, () -> Socket.open(SocketFamily.INET, SocketType.STREAM, null));
            IllegalArgumentException recv = assertThrows(IllegalArgumentException.class, () -> socket.recv(-1));
            assertEquals("maxBytes must not be negative: -1", recv.getMessage());
            IllegalArgumentException listen = assertThrows(IllegalArgumentException.class, () -> socket.listen(-1));
            assertEquals("backlog must not be negative: -1", listen.getMessage());
        }
    }

    @Test
    void bindToAnAddressInUse() throws IOException {
        try (Socket first = Loopback.listening(); Socket second = Socket.open()) {
            int port = first.localAddress().getPort();
            BindException e = assertThrows(BindException.class, () -> second.bind("127.0.0.1", port));
            assertEquals("bind: EADDRINUSE (127.0.0.1:" + port + ")", e.getMessage());
        }
    }

    @Test
    void bindToAnAddressNotLocal() throws IOException {
        try (Socket socket = Socket.open()) {
            BindException e = assertThrows(BindException.class, () -> socket.bind("192.0.2.1", 0)); // TEST-NET-1
            assertEquals("bind: EADDRNOTAVAIL (192.0.2.1:0)", e.getMessage());
        }
    }

    @Test
    void connectToAClosedPort() throws IOException {
        int port = closedPort();
        try (Socket socket = Socket.open()) {
            ConnectException e = assertThrows(ConnectException.class, () -> socket.connect("127.0.0.1", port));
            assertEquals("connect: ECONNREFUSED (127.0.0.1:" + port + ")", e.getMessage());
        }
    }

    @Test
    void remoteAddressOfAnUnconnectedSocket() throws IOException {
        try (Socket socket = Socket.open()) {
            ErrnoException e = assertThrows(ErrnoException.class, socket::remoteAddress);
            assertEquals("getpeername", e.function());
            assertEquals("ENOTCONN", e.errnoName());
        }
    }

    @Test
    void everyOperationOnAClosedSocket() throws IOException {
        Socket socket = Socket.open();
        assertFalse(socket.isClosed());
        socket.close();
        assertTrue(socket.isClosed());
        List<Executable> operations = List.of(
                () -> socket.bind("127.0.0.1", 0),
                () -> socket.listen(1),
                socket::listen,
                socket::accept,
                () -> socket.connect("127.0.0.1", 1),
                () -> socket.recv(1),
                () -> socket.recv(0),
                () -> socket.send(new byte[1]),
                () -> socket.sendAll(new byte[0]),
                () -> socket.read(ByteBuffer.allocate(1)),
                () -> socket.read(ByteBuffer.allocate(0)),
                () -> socket.write(ByteBuffer.allocate(1)),
                () -> socket.read(MemorySegment.ofArray(new byte[1])),
                () -> socket.write(MemorySegment.ofArray(new byte[1])),
                socket::shutdownOutput,
                socket::shutdownInput,
                socket::localAddress,
                socket::remoteAddress,
                () -> socket.setReuseAddress(true),
                socket::reuseAddress,
                () -> socket.setTcpNoDelay(true),
                socket::tcpNoDelay);
        for (Executable operation : operations) {
            SocketClosedException e = assertThrows(SocketClosedException.class, operation);
            assertEquals("Socket is closed", e.getMessage());
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        Socket socket = Socket.open();
        socket.close();
        assertDoesNotThrow(socket::close);
        assertDoesNotThrow(socket::close);
        assertTrue(socket.isClosed());
    }

    @Test
    void writingToAPeerThatClosedThrowsAndTheJvmLives() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().sendAll(new byte[] {1});
            SocketRoundTripTest.recvExactly(loopback.server(), 1);
            loopback.server().close(); // nothing unread: FIN now, then RST to our next segment
            IOException failure = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            for (int i = 0; i < 10_000 && failure == null && Instant.now().isBefore(deadline); i++) {
                try {
                    loopback.client().send(new byte[1024]);
                    Thread.sleep(1);
                } catch (IOException e) {
                    failure = e;
                }
            }
            assertNotNull(failure, "writes to a closed peer kept succeeding");
            assertTrue(failure instanceof ErrnoException errno
                            && (errno.errnoName().equals("EPIPE") || errno.errnoName().equals("ECONNRESET")),
                    failure.toString());
            assertEquals("send", ((ErrnoException) failure).function());
        }
    }

    /** A port nothing listens on: bound once, so it is valid, then released. */
    static int closedPort() throws IOException {
        try (Socket socket = Socket.open()) {
            socket.bind("127.0.0.1", 0);
            return socket.localAddress().getPort();
        }
    }
}
