package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.net.sys.LinuxProcFs;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Raw descriptors: expose, adopt, release without closing, duplicate; and listen's refusal of unbound sockets. */
@Timeout(30)
class EscapeHatchesTest {

    @Test
    void releasedDescriptorStaysOpenAndCanBeAdoptedBack() throws IOException {
        NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress bound = (InetSocketAddress) socket.localAddress();
        int fd = socket.release();
        assertTrue(socket.isClosed());
        assertThrows(SocketClosedException.class, socket::localAddress);
        assertThrows(SocketClosedException.class, socket::fd);
        assertThrows(SocketClosedException.class, socket::release);
        socket.close(); // a no-op now: the descriptor is not ours
        try (NativeSocket adopted = NativeSocket.adopt(fd)) {
            assertEquals(fd, adopted.fd());
            assertEquals(SocketFamily.INET, adopted.family());
            assertEquals(SocketType.STREAM, adopted.type());
            assertEquals(bound, adopted.localAddress(), "the same kernel socket, still bound");
        }
        if (isLinux()) {
            assertTrue(Files.notExists(Path.of("/proc/self/fd/" + fd)) || !isSocket(fd), "adopted descriptor closed");
        }
    }

    @Test
    void adoptFindsFamilyAndTypeAndRefusesWhatIsNoSocket() throws IOException {
        assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        int fd = NativeSocket.open(SocketFamily.INET6, SocketType.DATAGRAM).release();
        try (NativeSocket adopted = NativeSocket.adopt(fd)) {
            assertEquals(SocketFamily.INET6, adopted.family());
            assertEquals(SocketType.DATAGRAM, adopted.type());
        }
        assertThrows(IllegalArgumentException.class, () -> NativeSocket.adopt(-1));
        ErrnoException notOpen = assertThrows(ErrnoException.class, () -> NativeSocket.adopt(fd));
        assertEquals("EBADF", notOpen.errnoName());
    }

    @Test
    void adoptRefusesAFileThatIsNoSocket() throws IOException {
        assumeTrue(isLinux(), "skipped: needs /proc/self/fd to find a non-socket descriptor");
        // descriptor 0 is this JVM's standard input: a pipe or /dev/null, never a socket
        ErrnoException e = assertThrows(ErrnoException.class, () -> NativeSocket.adopt(0));
        assertEquals("ENOTSOCK", e.errnoName());
        assertTrue(Files.exists(Path.of("/proc/self/fd/0")), "adopt must not close what it refused");
    }

    @Test
    @SuppressWarnings("try") // closes a resource of the try early: what closing does is the test
    void duplicateIsAnIndependentCloseOnExecDescriptorOfTheSameSocket() throws IOException {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0);
                NativeSocket copy = listener.socket().duplicate()) {
            assertNotEquals(listener.socket().fd(), copy.fd());
            assertEquals(listener.localAddress(), copy.localAddress());
            if (isLinux()) {
                assertEquals(LinuxProcFs.O_CLOEXEC, LinuxProcFs.fdinfoFlags(copy.fd()) & LinuxProcFs.O_CLOEXEC);
            }
            listener.close();
            // the duplicate still listens: a client connects through it
            try (TcpStream client = TcpStream.connect((InetSocketAddress) copy.localAddress()); NativeSocket accepted = copy.accept()) {
                assertEquals(client.localAddress(), accepted.remoteAddress());
            }
        }
    }

    @Test
    void listenRefusesAnUnboundSocket() throws IOException {
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> socket.listen(4));
            assertTrue(e.getMessage().contains("not bound"), e.getMessage());
            assertEquals(0, ((InetSocketAddress) socket.localAddress()).getPort(), "still unbound: the kernel did not pick a port");
        }
    }

    @Test
    @SuppressWarnings("try") // closes a resource of the try early: what closing does is the test
    void releaseWhileAnotherThreadIsBlockedIsRefused() throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            Thread acceptor = Thread.ofPlatform().start(() -> {
                try {
                    listener.accept().close();
                } catch (IOException expected) {
                    // closed below
                }
            });
            while (!isBlocked(acceptor)) { // in accept, whether blocked in the kernel or parked
                Thread.sleep(5);
            }
            Thread.sleep(50); // in accept(2) by now
            assertThrows(IllegalStateException.class, () -> listener.socket().release());
            listener.close();
            acceptor.join(5_000);
        }
    }

    private static boolean isBlocked(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("accept")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSocket(int fd) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString().startsWith("socket:");
    }

    private static boolean isLinux() {
        return Sys.sockets().variant().startsWith("linux-");
    }
}
