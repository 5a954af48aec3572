package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.net.sys.LinuxProcFs;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Unix-domain sockets over paths in a temp dir and (on Linux) abstract names. */
@Timeout(30)
class UnixSocketTest {

    @TempDir
    Path dir;

    @Test
    void streamOverAPath() throws IOException {
        Path path = dir.resolve("s.sock");
        try (UnixListener listener = UnixListener.bind(path);
                UnixStream client = UnixStream.connect(UnixDomainSocketAddress.of(path));
                UnixStream server = listener.accept()) {
            assertEquals(UnixDomainSocketAddress.of(path), listener.localAddress());
            assertEquals(UnixDomainSocketAddress.of(path), client.remoteAddress());
            assertEquals(UnixDomainSocketAddress.of(""), server.remoteAddress(), "an unnamed client");
            client.writeAll(bytes("over a path"));
            client.shutdownOutput();
            assertEquals("over a path", readAll(server));
            assertTrue(Files.exists(path), "the path is a file until deleted");
        }
        assertThrows(BindException.class, () -> UnixListener.bind(path), "a stale path is in use");
    }

    @Test
    void abstractNamesAreBytesOnLinuxAndRefusedElsewhere() throws IOException {
        byte[] name = {'c', 0, 'o', (byte) 0xff, '\n'}; // NUL and non-UTF-8 bytes are fine: never a String
        AbstractUnixAddress address = AbstractUnixAddress.of(name);
        if (!isLinux()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> UnixListener.bind(address));
            assertTrue(e.getMessage().contains(Sys.sockets().variant()), e.getMessage());
            return;
        }
        try (UnixListener listener = UnixListener.bind(address);
                UnixStream client = UnixStream.connect(address);
                UnixStream server = listener.accept()) {
            assertEquals(address, listener.localAddress());
            assertArrayEquals(name, ((AbstractUnixAddress) client.remoteAddress()).name());
            client.writeAll(bytes("abstract"));
            client.shutdownOutput();
            assertEquals("abstract", readAll(server));
        }
        assertEquals("@c\\x00o\\xff\\x0a", address.toString());
    }

    @Test
    void pathsOverThePlatformLimitAreRefusedNamingIt() throws IOException {
        Path tooLong = dir.resolve("x".repeat(120));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnixListener.bind(tooLong));
        assertTrue(e.getMessage().contains(Sys.sockets().variant()), e.getMessage());
        assertTrue(e.getMessage().matches(".*\\b(103|107)\\b.*"), "names the limit: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UnixStream.connect(UnixDomainSocketAddress.of(tooLong)));
    }

    @Test
    void addressesOfAnotherKindAreRefused() throws IOException {
        java.net.SocketAddress unknown = new java.net.SocketAddress() {
            @Override
            public String toString() {
                return "not a socket address Conduit knows";
            }
        };
        try (NativeSocket unix = NativeSocket.open(SocketFamily.UNIX, SocketType.STREAM);
                NativeSocket tcp = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            assertThrows(IllegalArgumentException.class, () -> unix.bind(unknown));
            assertThrows(IllegalArgumentException.class, () -> unix.bind(new java.net.InetSocketAddress("127.0.0.1", 0)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tcp.bind(UnixDomainSocketAddress.of(dir.resolve("x"))));
            assertTrue(e.getMessage().contains("open a UNIX socket"), e.getMessage());
        }
    }

    @Test
    void pairsAreConnectedBothWays() throws IOException {
        UnixStream[] pair = UnixStream.pair();
        try (UnixStream a = pair[0]; UnixStream b = pair[1]) {
            a.writeAll(bytes("ping"));
            byte[] got = new byte[4];
            assertEquals(4, b.read(got));
            b.writeAll(bytes("pong"));
            assertEquals(4, a.read(got));
            assertEquals("pong", new String(got, StandardCharsets.UTF_8));
        }
    }

    @Test
    void datagramsKeepTheirBoundariesAndSender() throws IOException {
        Path serverPath = dir.resolve("d.sock");
        Path clientPath = dir.resolve("c.sock");
        try (UnixDatagram server = UnixDatagram.bind(UnixDomainSocketAddress.of(serverPath));
                UnixDatagram client = UnixDatagram.bind(UnixDomainSocketAddress.of(clientPath));
                Arena arena = Arena.ofConfined()) {
            client.send(arena.allocateFrom("one", StandardCharsets.UTF_8), UnixDomainSocketAddress.of(serverPath));
            client.send(arena.allocateFrom("two, longer", StandardCharsets.UTF_8), UnixDomainSocketAddress.of(serverPath));
            MemorySegment buffer = arena.allocate(64);
            ReceivedDatagram one = server.receive(buffer);
            assertEquals(4, one.length(), "with its NUL");
            assertEquals(UnixDomainSocketAddress.of(clientPath), one.sender());
            MemorySegment small = arena.allocate(3);
            ReceivedDatagram cut = server.receive(small);
            assertTrue(cut.truncated());
            assertEquals(3, cut.length());
        }
    }

    @Test
    void seqpacketOnLinux() throws IOException {
        assumeTrue(isLinux(), "skipped: SOCK_SEQPACKET for Unix sockets is Linux's");
        NativeSocket[] pair = NativeSocket.pair(SocketFamily.UNIX, SocketType.SEQPACKET);
        try (NativeSocket a = pair[0]; NativeSocket b = pair[1]; Arena arena = Arena.ofConfined()) {
            a.write(arena.allocateFrom("rec1", StandardCharsets.UTF_8));
            a.write(arena.allocateFrom("rec2", StandardCharsets.UTF_8));
            MemorySegment buffer = arena.allocate(64);
            assertEquals(5, b.read(buffer), "one record per read");
            assertEquals(5, b.read(buffer));
            assertEquals(SocketType.SEQPACKET, b.getOption(ConduitSocketOptions.SO_TYPE));
        }
    }

    @Test
    void peerCredentialsAreThisProcesss() throws IOException {
        UnixStream[] pair = UnixStream.pair();
        try (UnixStream a = pair[0]; UnixStream _ = pair[1]) {
            PeerCredentials peer = a.peerCredentials();
            assertEquals(OptionalLong.of(ProcessHandle.current().pid()), peer.pid());
            long uid = (Integer) Files.getAttribute(dir, "unix:uid");
            assertEquals(uid, peer.uid(), "a temp dir we made is ours");
        }
        try (NativeSocket tcp = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            assertThrows(UnsupportedOperationException.class, tcp::peerCredentials);
        }
    }

    @Test
    void descriptorsPassToThePeerAndStayOpenOnBothSides() throws IOException {
        UnixStream[] pair = UnixStream.pair();
        Path file = Files.writeString(dir.resolve("passed.txt"), "through the socket");
        try (UnixStream a = pair[0]; UnixStream b = pair[1];
                UdpSocket payload = UdpSocket.bind("127.0.0.1", 0); Arena arena = Arena.ofConfined()) {
            a.send(arena.allocateFrom("x", StandardCharsets.UTF_8), payload.socket().fd());
            try (ReceivedMessage got = b.receive(arena.allocate(8), 4)) {
                assertEquals(2, got.length());
                assertEquals(1, got.descriptors().size());
                try (NativeSocket received = got.descriptors().getFirst().toSocket()) {
                    assertEquals(payload.localAddress(), received.localAddress(), "the same socket");
                    if (isLinux()) {
                        assertEquals(LinuxProcFs.O_CLOEXEC, LinuxProcFs.fdinfoFlags(received.fd()) & LinuxProcFs.O_CLOEXEC);
                    }
                }
            }
            assertFalse(payload.isClosed(), "the sender keeps its own");
        }
        assertTrue(Files.exists(file));
    }

    @Test
    void moreDescriptorsThanAskedForAreClosedAndReported() throws IOException {
        assumeTrue(isLinux(), "skipped: counts descriptors in /proc/self/fd");
        UnixStream[] pair = UnixStream.pair();
        try (UnixStream a = pair[0]; UnixStream b = pair[1]; UdpSocket one = UdpSocket.bind("127.0.0.1", 0);
                UdpSocket two = UdpSocket.bind("127.0.0.1", 0); Arena arena = Arena.ofConfined()) {
            long before = LinuxProcFs.openDescriptors();
            a.send(arena.allocateFrom("x", StandardCharsets.UTF_8), one.socket().fd(), two.socket().fd(), one.socket().fd());
            TruncatedControlDataException e = assertThrows(TruncatedControlDataException.class,
                    () -> b.receive(arena.allocate(8), 1));
            assertTrue(e.getMessage().contains("MSG_CTRUNC"), e.getMessage());
            assertEquals(before, LinuxProcFs.openDescriptors(), "every descriptor that arrived was closed");
        }
    }

    @Test
    void descriptorsOverANonUnixSocketAreRefused() throws IOException {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0);
                TcpStream client = TcpStream.connect("127.0.0.1", listener.localAddress().getPort());
                TcpStream _ = listener.accept(); Arena arena = Arena.ofConfined()) {
            assertThrows(UnsupportedOperationException.class,
                    () -> client.socket().sendWithDescriptors(arena.allocate(1), 0));
        }
        UnixStream[] pair = UnixStream.pair();
        try (UnixStream a = pair[0]; UnixStream b = pair[1]; Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> a.send(arena.allocate(0), 0));
            assertThrows(IllegalArgumentException.class, () -> a.send(arena.allocate(1)));
            assertThrows(IllegalArgumentException.class, () -> a.send(arena.allocate(1), -1));
            assertThrows(IllegalArgumentException.class, () -> b.receive(arena.allocate(1), 0));
            assertThrows(NullPointerException.class, () -> a.send(null, 0));
        }
    }

    @Test
    void connectingToNothingIsRefused() {
        assertThrows(ConnectException.class, () -> UnixStream.connect(UnixDomainSocketAddress.of(dir.resolve("none"))).close());
        assertThrows(NullPointerException.class, () -> UnixStream.connect(null));
        assertThrows(NullPointerException.class, () -> UnixListener.bind((Path) null));
    }

    private static String readAll(UnixStream stream) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[256];
        int n;
        while ((n = stream.read(buffer)) >= 0) {
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isLinux() {
        return Sys.sockets().variant().startsWith("linux-");
    }
}
