package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** IPv6 over ::1, dual-stack listeners and IPv4-mapped peers. Skipped where the kernel has no ::1. */
@Timeout(30)
class Ipv6Test {

    static final InetAddress LOOPBACK6 = loopback6();

    @BeforeAll
    static void kernelHasIpv6Loopback() {
        assumeTrue(hasIpv6Loopback(), "skipped: this kernel has no ::1 (IPv6 disabled)");
    }

    @Test
    void streamOverIpv6Loopback() throws IOException {
        try (TcpListener listener = TcpListener.bind("::1", 0);
                TcpStream client = TcpStream.connect("::1", listener.localAddress().getPort());
                TcpStream server = listener.accept()) {
            assertEquals(SocketFamily.INET6, listener.socket().family());
            assertEquals(LOOPBACK6, listener.localAddress().getAddress());
            assertEquals(new InetSocketAddress(LOOPBACK6, listener.localAddress().getPort()), client.remoteAddress());
            assertEquals(client.localAddress(), server.remoteAddress());
            client.writeAll("over v6".getBytes(StandardCharsets.UTF_8));
            byte[] got = new byte[7];
            assertEquals(7, readFully(server, got));
            assertArrayEquals("over v6".getBytes(StandardCharsets.UTF_8), got);
        }
    }

    @Test
    void bracketedLiteralAndInetSocketAddressWork() throws IOException {
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(LOOPBACK6, 0));
                TcpStream client = TcpStream.connect("[::1]", listener.localAddress().getPort());
                TcpStream _ = listener.accept()) {
            assertInstanceOf(Inet6Address.class, client.remoteAddress().getAddress());
        }
    }

    @Test
    void wildcardListenerServesBothFamiliesAndReportsIpv4PeersAsIpv4() throws IOException {
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getByName("::"), 0))) {
            assertFalse(listener.getOption(ConduitSocketOptions.IPV6_V6ONLY), "dual-stack by default");
            int port = listener.localAddress().getPort();
            try (TcpStream v4 = TcpStream.connect("127.0.0.1", port); TcpStream accepted = listener.accept()) {
                InetSocketAddress peer = accepted.remoteAddress();
                assertInstanceOf(Inet4Address.class, peer.getAddress(), "IPv4-mapped peer reported as IPv4: " + peer);
                assertEquals(v4.localAddress(), peer);
                assertInstanceOf(Inet4Address.class, accepted.localAddress().getAddress());
            }
            try (TcpStream v6 = TcpStream.connect("::1", port); TcpStream accepted = listener.accept()) {
                assertEquals(v6.localAddress(), accepted.remoteAddress());
            }
        }
    }

    @Test
    void v6OnlyListenerRefusesIpv4() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET6, SocketType.STREAM)) {
            socket.setOption(ConduitSocketOptions.IPV6_V6ONLY, true);
            assertTrue(socket.getOption(ConduitSocketOptions.IPV6_V6ONLY));
            socket.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
            socket.listen(4);
            int port = ((InetSocketAddress) socket.localAddress()).getPort();
            assertThrows(java.net.ConnectException.class, () -> TcpStream.connect("127.0.0.1", port).close());
            try (TcpStream v6 = TcpStream.connect("::1", port); NativeSocket accepted = socket.accept()) {
                assertEquals(v6.localAddress(), accepted.remoteAddress());
            }
        }
    }

    @Test
    void ipv4AddressOnIpv6SocketIsMapped() throws IOException {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0);
                NativeSocket client = NativeSocket.open(SocketFamily.INET6, SocketType.STREAM)) {
            client.connect(listener.localAddress());
            try (TcpStream accepted = listener.accept()) {
                assertEquals(client.localAddress(), accepted.remoteAddress());
                assertInstanceOf(Inet4Address.class, ((InetSocketAddress) client.remoteAddress()).getAddress());
            }
        }
    }

    @Test
    void ipv6AddressOnIpv4SocketIsRefusedClearly() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> socket.bind(new InetSocketAddress(LOOPBACK6, 0)));
            assertTrue(e.getMessage().contains("[0:0:0:0:0:0:0:1]:0"), e.getMessage());
            assertTrue(e.getMessage().contains("INET6"), e.getMessage());
        }
    }

    @Test
    void v6OnlyIsRefusedOnIpv4Sockets() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            assertThrows(UnsupportedOperationException.class, () -> socket.getOption(ConduitSocketOptions.IPV6_V6ONLY));
            assertFalse(socket.supportedOptions().contains(ConduitSocketOptions.IPV6_V6ONLY));
        }
    }

    static int readFully(TcpStream stream, byte[] into) throws IOException {
        int total = 0;
        while (total < into.length) {
            int n = stream.read(into, total, into.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    static boolean hasIpv6Loopback() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, loopback6())) {
            return probe.getLocalPort() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress loopback6() {
        try {
            return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
