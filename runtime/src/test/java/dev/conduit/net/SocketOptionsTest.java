package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Typed socket options: each set value is what the kernel reports back, ranges are checked. */
@Timeout(30)
class SocketOptionsTest {

    @ParameterizedTest
    @EnumSource(value = SocketFamily.class, names = {"INET", "INET6"})
    void booleanOptionsRoundTrip(SocketFamily family) throws IOException {
        try (NativeSocket stream = open(family, SocketType.STREAM); NativeSocket datagram = open(family, SocketType.DATAGRAM)) {
            for (SocketOption<Boolean> option : java.util.List.of(StandardSocketOptions.SO_REUSEADDR,
                    StandardSocketOptions.SO_REUSEPORT, StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.TCP_NODELAY)) {
                flip(stream, option);
            }
            flip(datagram, StandardSocketOptions.SO_BROADCAST);
            flip(datagram, StandardSocketOptions.SO_REUSEADDR);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketFamily.class, names = {"INET", "INET6"})
    void integerOptionsRoundTrip(SocketFamily family) throws IOException {
        try (NativeSocket socket = open(family, SocketType.STREAM)) {
            socket.setOption(StandardSocketOptions.IP_TOS, 0x10);
            assertEquals(0x10, socket.getOption(StandardSocketOptions.IP_TOS));
            socket.setOption(ConduitSocketOptions.IP_TTL, 17);
            assertEquals(17, socket.getOption(ConduitSocketOptions.IP_TTL));
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 7);
            assertEquals(7, socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL));
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
            assertEquals(3, socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
            socket.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
            assertTrue(socket.getOption(StandardSocketOptions.SO_RCVBUF) >= 64 * 1024, "Linux doubles, macOS keeps");
            socket.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            assertTrue(socket.getOption(StandardSocketOptions.SO_SNDBUF) >= 64 * 1024);
            assertEquals(0, socket.getOption(ConduitSocketOptions.SO_ERROR));
            assertEquals(SocketType.STREAM, socket.getOption(ConduitSocketOptions.SO_TYPE));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketFamily.class, names = {"INET", "INET6"})
    void structValuedAndRenamedOptionsRoundTrip(SocketFamily family) throws IOException {
        try (NativeSocket socket = open(family, SocketType.STREAM)) {
            assertEquals(-1, socket.getOption(StandardSocketOptions.SO_LINGER), "off by default");
            socket.setOption(StandardSocketOptions.SO_LINGER, 7);
            assertEquals(7, socket.getOption(StandardSocketOptions.SO_LINGER), "seconds on every platform");
            socket.setOption(StandardSocketOptions.SO_LINGER, -5);
            assertEquals(-1, socket.getOption(StandardSocketOptions.SO_LINGER));
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 42);
            assertEquals(42, socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE));
            assertEquals(java.time.Duration.ZERO, socket.getOption(ConduitSocketOptions.SO_RCVTIMEO), "none by default");
            socket.setOption(ConduitSocketOptions.SO_RCVTIMEO, java.time.Duration.ofMillis(1500));
            assertEquals(java.time.Duration.ofMillis(1500), socket.getOption(ConduitSocketOptions.SO_RCVTIMEO));
            socket.setOption(ConduitSocketOptions.SO_SNDTIMEO, java.time.Duration.ofSeconds(3));
            assertEquals(java.time.Duration.ofSeconds(3), socket.getOption(ConduitSocketOptions.SO_SNDTIMEO));
        }
    }

    @Test
    void receiveTimeoutExpiresAsSocketTimeoutException() throws IOException {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0);
                TcpStream client = TcpStream.connect("127.0.0.1", listener.localAddress().getPort());
                TcpStream _ = listener.accept()) {
            client.setOption(ConduitSocketOptions.SO_RCVTIMEO, java.time.Duration.ofMillis(100));
            assertThrows(java.net.SocketTimeoutException.class, () -> client.read(new byte[8]));
        }
    }

    @Test
    void acceptAndWriteTimeoutsExpire() throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            listener.setOption(ConduitSocketOptions.SO_RCVTIMEO, java.time.Duration.ofMillis(200));
            for (boolean virtual : new boolean[] {false, true}) {
                Throwable failure = VirtualThreadTest.onThread(virtual, listener::accept).get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(failure instanceof java.net.SocketTimeoutException, "accept on a " + (virtual ? "virtual" : "platform")
                        + " thread: " + failure);
            }
            try (TcpStream client = TcpStream.connect("127.0.0.1", listener.localAddress().getPort());
                    TcpStream _ = listener.accept()) {
                client.setOption(ConduitSocketOptions.SO_SNDTIMEO, java.time.Duration.ofMillis(200));
                byte[] chunk = new byte[1 << 20]; // the peer never reads: the buffers fill, then the send times out
                Throwable failure = VirtualThreadTest.onVirtualThread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        client.writeAll(chunk);
                    }
                }).get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(failure instanceof java.net.SocketTimeoutException, "write: " + failure);
            }
        }
    }

    @Test
    void badTimeoutsAndLingersAreRefused() throws IOException {
        try (NativeSocket socket = open(SocketFamily.INET, SocketType.STREAM)) {
            assertThrows(IllegalArgumentException.class,
                    () -> socket.setOption(ConduitSocketOptions.SO_RCVTIMEO, java.time.Duration.ofMillis(-1)));
            assertThrows(IllegalArgumentException.class,
                    () -> socket.setOption(ConduitSocketOptions.SO_SNDTIMEO, java.time.Duration.ofSeconds(Long.MAX_VALUE)));
            assertThrows(IllegalArgumentException.class, () -> socket.setOption(StandardSocketOptions.SO_LINGER, 65_536));
            assertThrows(IllegalArgumentException.class, () -> socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 0));
        }
    }

    @Test
    void fastOpenAndUserTimeoutWhereThePlatformHasThem() throws IOException {
        try (NativeSocket socket = open(SocketFamily.INET, SocketType.STREAM)) {
            socket.setOption(ConduitSocketOptions.TCP_FASTOPEN, 1);
            assertEquals(1, socket.getOption(ConduitSocketOptions.TCP_FASTOPEN));
            if (Sys.sockets().variant().startsWith("linux-")) {
                socket.setOption(ConduitSocketOptions.TCP_USER_TIMEOUT, 1500);
                assertEquals(1500, socket.getOption(ConduitSocketOptions.TCP_USER_TIMEOUT));
            } else {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> socket.setOption(ConduitSocketOptions.TCP_USER_TIMEOUT, 1500));
                assertTrue(e.getMessage().contains(Sys.sockets().variant()), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketFamily.class, names = {"INET", "INET6"})
    void notSentLowWaterRoundTripsOnAConnectedStream(SocketFamily family) throws IOException {
        String host = family == SocketFamily.INET6 ? "::1" : "127.0.0.1";
        if (family == SocketFamily.INET6) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        }
        try (TcpListener listener = TcpListener.bind(host, 0);
                TcpStream client = TcpStream.connect(host, listener.localAddress().getPort());
                TcpStream _ = listener.accept()) {
            client.setOption(ConduitSocketOptions.TCP_NOTSENT_LOWAT, 16 * 1024);
            assertEquals(16 * 1024, client.getOption(ConduitSocketOptions.TCP_NOTSENT_LOWAT));
            client.setOption(ConduitSocketOptions.TCP_NOTSENT_LOWAT, 0);
            assertEquals(0, client.getOption(ConduitSocketOptions.TCP_NOTSENT_LOWAT));
        }
    }

    @Test
    void badNotSentLowWaterIsRefused() throws IOException {
        try (NativeSocket stream = open(SocketFamily.INET, SocketType.STREAM);
                NativeSocket datagram = open(SocketFamily.INET, SocketType.DATAGRAM)) {
            assertEquals("TCP_NOTSENT_LOWAT must be in 0..2147483647: -1", assertThrows(IllegalArgumentException.class,
                    () -> stream.setOption(ConduitSocketOptions.TCP_NOTSENT_LOWAT, -1)).getMessage());
            assertThrows(UnsupportedOperationException.class,
                    () -> datagram.setOption(ConduitSocketOptions.TCP_NOTSENT_LOWAT, 1024));
        }
    }

    @Test
    void pendingErrorOfAFailedConnectIsReadAndCleared() throws IOException {
        // a refused connect on loopback leaves no pending error once connect() has reported it
        try (NativeSocket socket = open(SocketFamily.INET, SocketType.STREAM)) {
            int closedPort;
            try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
                closedPort = listener.localAddress().getPort();
            }
            assertThrows(java.net.ConnectException.class,
                    () -> socket.connect(new java.net.InetSocketAddress("127.0.0.1", closedPort)));
            assertEquals(0, socket.getOption(ConduitSocketOptions.SO_ERROR));
        }
    }

    @Test
    void outOfRangeValuesAreRefusedBeforeTheKernel() throws IOException {
        try (NativeSocket socket = open(SocketFamily.INET, SocketType.STREAM)) {
            assertEquals("IP_TOS must be in 0..255: 256", assertThrows(IllegalArgumentException.class,
                    () -> socket.setOption(StandardSocketOptions.IP_TOS, 256)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> socket.setOption(ConduitSocketOptions.IP_TTL, 0));
            assertThrows(IllegalArgumentException.class, () -> socket.setOption(StandardSocketOptions.SO_RCVBUF, -1));
            assertThrows(IllegalArgumentException.class, () -> socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 0));
            assertThrows(IllegalArgumentException.class, () -> socket.setOption(ConduitSocketOptions.TCP_USER_TIMEOUT, -5));
            assertThrows(NullPointerException.class, () -> socket.setOption(StandardSocketOptions.TCP_NODELAY, null));
            assertThrows(NullPointerException.class, () -> socket.setOption(null, true));
            assertThrows(NullPointerException.class, () -> socket.getOption(null));
        }
    }

    @Test
    void optionsOfAnotherKindOfSocketAreUnsupportedNamingWhatIs() throws IOException {
        try (NativeSocket datagram = open(SocketFamily.INET, SocketType.DATAGRAM);
                NativeSocket stream = open(SocketFamily.INET, SocketType.STREAM)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> datagram.setOption(StandardSocketOptions.TCP_NODELAY, true));
            assertTrue(e.getMessage().startsWith("'TCP_NODELAY' is not an option of INET DATAGRAM sockets"), e.getMessage());
            assertTrue(e.getMessage().contains("SO_BROADCAST"), e.getMessage());
            assertFalse(stream.supportedOptions().contains(StandardSocketOptions.SO_BROADCAST));
            assertThrows(UnsupportedOperationException.class, () -> stream.getOption(StandardSocketOptions.IP_MULTICAST_TTL));
            assertThrows(UnsupportedOperationException.class, () -> stream.setOption(ConduitSocketOptions.SO_ERROR, 1));
        }
    }

    @Test
    void optionsOnAClosedSocketThrowClosed() throws IOException {
        NativeSocket socket = open(SocketFamily.INET, SocketType.STREAM);
        socket.close();
        assertThrows(SocketClosedException.class, () -> socket.setOption(StandardSocketOptions.TCP_NODELAY, true));
        assertThrows(SocketClosedException.class, () -> socket.getOption(StandardSocketOptions.TCP_NODELAY));
    }

    @Test
    void streamsAndListenersExposeOptions() throws IOException {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0);
                TcpStream client = TcpStream.connect("127.0.0.1", listener.localAddress().getPort());
                TcpStream _ = listener.accept()) {
            assertTrue(listener.getOption(StandardSocketOptions.SO_REUSEADDR), "listeners reuse addresses by default");
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            assertTrue(client.getOption(StandardSocketOptions.TCP_NODELAY));
        }
    }

    private static void flip(NativeSocket socket, SocketOption<Boolean> option) throws IOException {
        socket.setOption(option, true);
        assertTrue(socket.getOption(option), option.name());
        socket.setOption(option, false);
        assertFalse(socket.getOption(option), option.name());
    }

    private static NativeSocket open(SocketFamily family, SocketType type) throws IOException {
        if (family == SocketFamily.INET6) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        }
        return NativeSocket.open(family, type);
    }
}
