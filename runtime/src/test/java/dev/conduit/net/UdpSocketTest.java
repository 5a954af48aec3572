package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UDP over loopback: senders, truncation, connected sockets, destinations, multicast membership. */
@Timeout(30)
class UdpSocketTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void datagramsArriveWholeWithTheirSender(String host) throws IOException {
        assumeTrue(!host.contains(":") || Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        try (UdpSocket server = UdpSocket.bind(host, 0); UdpSocket client = UdpSocket.bind(host, 0)) {
            guard(server);
            client.send(bytes("first"), server.localAddress());
            client.send(bytes("second, longer"), server.localAddress());
            byte[] buffer = new byte[64];
            ReceivedDatagram first = server.receive(buffer);
            assertEquals("first", text(buffer, first));
            assertFalse(first.truncated());
            assertEquals(client.localAddress(), first.sender());
            ReceivedDatagram second = server.receive(buffer);
            assertEquals("second, longer", text(buffer, second));
            // answer the sender, as an echo server does
            server.send(Arrays.copyOf(buffer, (int) second.length()), (InetSocketAddress) second.sender());
            guard(client);
            ReceivedDatagram answer = client.receive(buffer);
            assertEquals("second, longer", text(buffer, answer));
            assertEquals(server.localAddress(), answer.sender());
        }
    }

    /** The sender keeps its last target's sockaddr: alternating targets, reused or new objects, still reach each. */
    @Test
    void alternatingTargetsReachEach() throws IOException {
        try (UdpSocket first = UdpSocket.bind("127.0.0.1", 0); UdpSocket second = UdpSocket.bind("127.0.0.1", 0);
             UdpSocket client = UdpSocket.bind("127.0.0.1", 0)) {
            guard(first);
            guard(second);
            InetSocketAddress a = first.localAddress();
            InetSocketAddress b = second.localAddress();
            InetSocketAddress[] targets = {a, a, b, a, new InetSocketAddress("127.0.0.1", b.getPort()), b};
            for (int i = 0; i < targets.length; i++) {
                client.send(bytes("to " + i), targets[i]);
            }
            byte[] buffer = new byte[16];
            for (int i = 0; i < targets.length; i++) {
                UdpSocket receiver = targets[i].getPort() == a.getPort() ? first : second;
                assertEquals("to " + i, text(buffer, receiver.receive(buffer)));
            }
        }
    }

    /** The receiver keeps its last sender decoded: alternating senders are still told apart. */
    @Test
    void alternatingSendersAreEachReported() throws IOException {
        try (UdpSocket server = UdpSocket.bind("127.0.0.1", 0); UdpSocket one = UdpSocket.bind("127.0.0.1", 0);
             UdpSocket two = UdpSocket.bind("127.0.0.1", 0)) {
            guard(server);
            UdpSocket[] senders = {one, one, two, one, two, two};
            for (UdpSocket sender : senders) {
                sender.send(bytes("x"), server.localAddress());
            }
            byte[] buffer = new byte[4];
            for (UdpSocket sender : senders) {
                assertEquals(sender.localAddress(), server.receive(buffer).sender());
            }
        }
    }

    @Test
    void byteBuffersHeapAndDirect() throws IOException {
        try (UdpSocket server = UdpSocket.bind("127.0.0.1", 0); UdpSocket client = UdpSocket.bind("127.0.0.1", 0)) {
            guard(server);
            java.nio.ByteBuffer heap = java.nio.ByteBuffer.wrap(bytes("xxheap")).position(2);
            assertEquals(4, client.send(heap, server.localAddress()));
            assertFalse(heap.hasRemaining());
            client.send(java.nio.ByteBuffer.allocateDirect(6).put(bytes("direct")).flip(), server.localAddress());
            java.nio.ByteBuffer into = java.nio.ByteBuffer.allocateDirect(32);
            assertEquals(4, server.receive(into).length());
            assertEquals(4, into.position());
            java.nio.ByteBuffer heapInto = java.nio.ByteBuffer.allocate(32);
            assertEquals(6, server.receive(heapInto).length());
            assertEquals("direct", new String(heapInto.array(), 0, 6, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aDatagramLongerThanTheBufferIsCutAndSaysSo() throws IOException {
        try (UdpSocket server = UdpSocket.bind("127.0.0.1", 0); UdpSocket client = UdpSocket.bind("127.0.0.1", 0)) {
            guard(server);
            client.send(bytes("0123456789"), server.localAddress());
            client.send(bytes("next"), server.localAddress());
            byte[] small = new byte[4];
            ReceivedDatagram cut = server.receive(small);
            assertEquals(4, cut.length());
            assertTrue(cut.truncated(), "MSG_TRUNC reported");
            assertEquals("0123", new String(small, StandardCharsets.US_ASCII));
            ReceivedDatagram next = server.receive(new byte[16]);
            assertEquals(4, next.length(), "the rest of the cut datagram is gone, not delivered later");
            assertFalse(next.truncated());
        }
    }

    @Test
    void nativeSegmentsAndEmptyDatagrams() throws IOException {
        try (UdpSocket server = UdpSocket.bind("127.0.0.1", 0); UdpSocket client = UdpSocket.bind("127.0.0.1", 0);
                Arena arena = Arena.ofConfined()) {
            guard(server);
            client.send(arena.allocate(0), server.localAddress());
            MemorySegment payload = arena.allocateFrom("native", StandardCharsets.US_ASCII);
            client.send(payload, server.localAddress());
            MemorySegment buffer = arena.allocate(32);
            ReceivedDatagram empty = server.receive(buffer);
            assertEquals(0, empty.length());
            assertFalse(empty.truncated());
            ReceivedDatagram full = server.receive(buffer);
            assertEquals(payload.byteSize(), full.length());
            assertArrayEquals(payload.toArray(ValueLayout.JAVA_BYTE),
                    buffer.asSlice(0, full.length()).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void aConnectedSocketReportsPortUnreachable() throws IOException {
        InetSocketAddress closed;
        try (UdpSocket gone = UdpSocket.bind("127.0.0.1", 0)) {
            closed = gone.localAddress();
        }
        try (UdpSocket client = UdpSocket.bind("127.0.0.1", 0); Arena arena = Arena.ofConfined()) {
            guard(client);
            client.connect(closed);
            assertEquals(closed, client.remoteAddress());
            client.send(arena.allocateFrom("anyone?", StandardCharsets.US_ASCII));
            PortUnreachableException e = assertThrows(PortUnreachableException.class, () -> client.receive(new byte[8]));
            assertTrue(e.getMessage().contains("ECONNREFUSED"), e.getMessage());
        }
    }

    @Test
    void theDestinationAddressIsReportedWhenAskedFor() throws IOException {
        try (UdpSocket server = UdpSocket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
                UdpSocket client = UdpSocket.bind("127.0.0.1", 0)) {
            guard(server);
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
            client.send(bytes("without"), target);
            assertTrue(server.receive(new byte[16]).destination().isEmpty(), "not asked for");
            server.setOption(ConduitSocketOptions.IP_PKTINFO, true);
            assertTrue(server.getOption(ConduitSocketOptions.IP_PKTINFO));
            client.send(bytes("with"), target);
            ReceivedDatagram got = server.receive(new byte[16]);
            assertEquals(InetAddress.getByName("127.0.0.1"), got.destination().orElseThrow());
        }
    }

    @Test
    void theIpv6DestinationAddressIsReportedWhenAskedFor() throws IOException {
        assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        try (UdpSocket server = UdpSocket.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
                UdpSocket client = UdpSocket.bind("::1", 0)) {
            guard(server);
            server.setOption(ConduitSocketOptions.IP_PKTINFO, true);
            client.send(bytes("v6"), new InetSocketAddress(Ipv6Test.LOOPBACK6, server.localAddress().getPort()));
            ReceivedDatagram got = server.receive(new byte[16]);
            assertEquals(Ipv6Test.LOOPBACK6, got.destination().orElseThrow());
            assertEquals(client.localAddress(), got.sender());
        }
    }

    @Test
    void multicastMembershipIsJoinedAndLeft() throws IOException {
        NetworkInterface loopback = loopbackInterface();
        InetAddress group = InetAddress.getByName("239.255.42.1");
        try (UdpSocket receiver = UdpSocket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0))) {
            try {
                receiver.joinGroup(group, loopback);
            } catch (ErrnoException e) {
                assumeTrue(false, "skipped: this kernel refuses multicast on loopback: " + e.getMessage());
            }
            ErrnoException twice = assertThrows(ErrnoException.class, () -> receiver.joinGroup(group, loopback));
            assertEquals("EADDRINUSE", twice.errnoName(), "joining twice");
            // and it is a real membership: a datagram sent to the group over loopback arrives
            try (UdpSocket sender = UdpSocket.open(SocketFamily.INET)) {
                sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, loopback);
                sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                guard(receiver);
                sender.send(bytes("to the group"), new InetSocketAddress(group, receiver.localAddress().getPort()));
                byte[] buffer = new byte[32];
                ReceivedDatagram got = receiver.receive(buffer);
                assertEquals("to the group", text(buffer, got));
            }
            receiver.leaveGroup(group, loopback);
            ErrnoException notMember = assertThrows(ErrnoException.class, () -> receiver.leaveGroup(group, loopback));
            assertEquals("EADDRNOTAVAIL", notMember.errnoName());
        }
    }

    @Test
    void ipv6MulticastMembershipIsJoinedAndLeft() throws IOException {
        assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        NetworkInterface loopback = loopbackInterface();
        InetAddress group = InetAddress.getByName("ff15::4242");
        try (UdpSocket receiver = UdpSocket.bind(new InetSocketAddress(InetAddress.getByName("::"), 0))) {
            try {
                receiver.joinGroup(group, loopback);
            } catch (ErrnoException e) {
                assumeTrue(false, "skipped: this kernel refuses IPv6 multicast on loopback: " + e.getMessage());
            }
            receiver.leaveGroup(group, loopback);
            assertThrows(ErrnoException.class, () -> receiver.leaveGroup(group, loopback));
        }
        try (UdpSocket v4Only = UdpSocket.open(SocketFamily.INET)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v4Only.joinGroup(group, loopback));
            assertTrue(e.getMessage().contains("IPv4 socket"), e.getMessage());
        }
    }

    @Test
    void sourceSpecificMembershipIsJoinedAndLeft() throws IOException {
        NetworkInterface loopback = loopbackInterface();
        InetAddress group = InetAddress.getByName("232.1.1.1");
        InetAddress source = InetAddress.getByName("127.0.0.1");
        try (UdpSocket receiver = UdpSocket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0))) {
            try {
                receiver.joinGroup(group, source, loopback);
            } catch (ErrnoException e) {
                assumeTrue(false, "skipped: this kernel refuses source-specific multicast on loopback: " + e.getMessage());
            }
            receiver.leaveGroup(group, source, loopback);
            assertThrows(ErrnoException.class, () -> receiver.leaveGroup(group, source, loopback));
        }
    }

    @Test
    void closeWakesABlockedReceive() throws Exception {
        UdpSocket socket = UdpSocket.bind("127.0.0.1", 0);
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread receiver = Thread.ofPlatform().start(() -> {
            try {
                socket.receive(new byte[16]);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        while (receiver.getState() == Thread.State.NEW || Arrays.stream(receiver.getStackTrace())
                .noneMatch(f -> f.getMethodName().equals("receiveFrom"))) {
            Thread.sleep(5);
        }
        Thread.sleep(50); // in recvmsg(2) by now
        socket.close();
        assertTrue(outcome.get(5, java.util.concurrent.TimeUnit.SECONDS) instanceof SocketClosedException,
                "the woken receive reports the close");
    }

    @Test
    void broadcastNeedsSoBroadcast() throws IOException {
        // Only the refusal is tested: with SO_BROADCAST on, the datagram would leave through the
        // default route, and tests send nothing beyond loopback.
        try (UdpSocket socket = UdpSocket.open(SocketFamily.INET)) {
            ErrnoException refused = assertThrows(ErrnoException.class,
                    () -> socket.send(bytes("x"), new InetSocketAddress("255.255.255.255", 9)));
            assertEquals("EACCES", refused.errnoName());
            assertTrue(refused.getMessage().contains("255.255.255.255:9"), refused.getMessage());
        }
    }

    @Test
    void multicastOptionsRoundTrip() throws IOException {
        try (UdpSocket v4 = UdpSocket.open(SocketFamily.INET)) {
            v4.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 5);
            assertEquals(5, v4.getOption(StandardSocketOptions.IP_MULTICAST_TTL));
            v4.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
            assertFalse(v4.getOption(StandardSocketOptions.IP_MULTICAST_LOOP));
            assertEquals(null, v4.getOption(StandardSocketOptions.IP_MULTICAST_IF), "not set");
            v4.setOption(StandardSocketOptions.IP_MULTICAST_IF, loopbackInterface());
            assertEquals(loopbackInterface(), v4.getOption(StandardSocketOptions.IP_MULTICAST_IF));
            v4.setOption(StandardSocketOptions.SO_BROADCAST, true);
            assertTrue(v4.getOption(StandardSocketOptions.SO_BROADCAST));
            assertThrows(IllegalArgumentException.class, () -> v4.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 256));
        }
        assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        try (UdpSocket v6 = UdpSocket.open(SocketFamily.INET6)) {
            v6.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 7);
            assertEquals(7, v6.getOption(StandardSocketOptions.IP_MULTICAST_TTL), "IPV6_MULTICAST_HOPS");
            v6.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            assertTrue(v6.getOption(StandardSocketOptions.IP_MULTICAST_LOOP));
            assertEquals(null, v6.getOption(StandardSocketOptions.IP_MULTICAST_IF), "not set");
            v6.setOption(StandardSocketOptions.IP_MULTICAST_IF, loopbackInterface());
            assertEquals(loopbackInterface(), v6.getOption(StandardSocketOptions.IP_MULTICAST_IF));
        }
    }

    @Test
    void badInputIsRefusedClearly() throws IOException {
        try (UdpSocket socket = UdpSocket.open(SocketFamily.INET)) {
            assertThrows(NullPointerException.class, () -> socket.send((byte[]) null, new InetSocketAddress("127.0.0.1", 9)));
            assertThrows(NullPointerException.class, () -> socket.send(new byte[1], null));
            assertThrows(NullPointerException.class, () -> socket.receive((byte[]) null));
            assertThrows(NullPointerException.class, () -> socket.joinGroup(null, null));
            IllegalArgumentException notGroup = assertThrows(IllegalArgumentException.class,
                    () -> socket.joinGroup(InetAddress.getByName("127.0.0.1"), null));
            assertTrue(notGroup.getMessage().contains("not a multicast address"), notGroup.getMessage());
            assertThrows(IllegalArgumentException.class, () -> socket.joinGroup(InetAddress.getByName("ff02::1"), null));
            ErrnoException tooBig = assertThrows(ErrnoException.class,
                    () -> socket.send(new byte[70_000], new InetSocketAddress("127.0.0.1", 9)));
            assertEquals("EMSGSIZE", tooBig.errnoName());
            assertThrows(IllegalArgumentException.class, () -> UdpSocket.bind("127.0.0.1", 65536));
        }
        UdpSocket closed = UdpSocket.open(SocketFamily.INET);
        closed.close();
        assertThrows(SocketClosedException.class, () -> closed.send(new byte[1], new InetSocketAddress("127.0.0.1", 9)));
        assertThrows(SocketClosedException.class, () -> closed.receive(new byte[1]));
    }

    /** A receive that would wait forever fails the test instead. */
    private static void guard(UdpSocket socket) throws IOException {
        socket.setOption(ConduitSocketOptions.SO_RCVTIMEO, Duration.ofSeconds(5));
    }

    private static NetworkInterface loopbackInterface() throws IOException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no loopback interface"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] buffer, ReceivedDatagram d) {
        return new String(buffer, 0, (int) d.length(), StandardCharsets.UTF_8);
    }
}
