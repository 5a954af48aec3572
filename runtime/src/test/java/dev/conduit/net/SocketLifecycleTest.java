package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.net.sys.LinuxProcFs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.lang.foreign.Arena;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Descriptors: closed exactly once, never leaked, close-on-exec, and close wakes blocked calls. */
@Timeout(60)
class SocketLifecycleTest {

    /** Long enough for the other thread to be inside the blocking call in practice; correct either way. */
    private static final long SETTLE_MILLIS = 200;

    @Test // every platform: accept waits for readiness in Java, so close() unparks it
    void closeWakesAThreadBlockedInAccept() throws Exception {
        NativeSocket listener = NativeLoopback.listening();
        CompletableFuture<NativeSocket> accept = inThread(listener::accept);
        Thread.sleep(SETTLE_MILLIS);
        listener.close();
        assertClosedUnder(accept);
    }

    @Test
    void closeWakesAThreadBlockedInTcpListenerAccept() throws Exception {
        TcpListener listener = TcpListener.bind(Loopback.HOST, 0);
        CompletableFuture<TcpStream> accept = inThread(listener::accept);
        Thread.sleep(SETTLE_MILLIS);
        listener.close();
        assertClosedUnder(accept);
    }

    @Test
    void closeWakesAThreadBlockedInRead() throws Exception {
        try (NativeLoopback loopback = NativeLoopback.open()) {
            CompletableFuture<Integer> read = inThread(() -> loopback.server().read(new byte[16], 0, 16));
            Thread.sleep(SETTLE_MILLIS);
            loopback.server().close();
            assertClosedUnder(read); // not end of stream (-1): the peer never closed
        }
    }

    @Test
    void closeWakesThreadsBlockedInEveryKindOfRead() throws Exception {
        try (NativeLoopback loopback = NativeLoopback.open(); Arena arena = Arena.ofShared()) {
            NativeSocket server = loopback.server();
            CompletableFuture<Integer> heap = inThread(() -> server.read(ByteBuffer.allocate(16)));
            CompletableFuture<Integer> direct = inThread(() -> server.read(ByteBuffer.allocateDirect(16)));
            CompletableFuture<Long> segment = inThread(() -> server.read(arena.allocate(16)));
            Thread.sleep(SETTLE_MILLIS);
            server.close();
            assertClosedUnder(heap);
            assertClosedUnder(direct);
            assertClosedUnder(segment);
        }
    }

    @Test
    void closingATcpStreamWakesItsBlockedReaders() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            // two readers: one blocked in recv(2), one waiting for the stream's read lock
            CompletableFuture<Integer> first = inThread(() -> loopback.server().read(new byte[16]));
            CompletableFuture<Integer> second = inThread(() -> loopback.server().read(ByteBuffer.allocate(16)));
            Thread.sleep(SETTLE_MILLIS);
            loopback.server().close();
            assertClosedUnder(first);
            assertClosedUnder(second);
        }
    }

    @Test
    void closingATcpStreamWakesABlockedWriter() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            // nobody reads: 64 MiB cannot fit the socket buffers, so writeAll blocks in send(2)
            byte[] huge = new byte[64 * 1024 * 1024];
            CompletableFuture<Void> write = inThread(() -> {
                loopback.client().writeAll(huge);
                return null;
            });
            Thread.sleep(SETTLE_MILLIS);
            assertFalse(write.isDone(), "writeAll returned, or failed, before close: " + write);
            loopback.client().close();
            assertClosedUnder(write);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX) // reads /proc
    void noDescriptorLeaks() throws Exception {
        churn(); // warm up: class loading and the JDK's own lazily opened files
        long before = LinuxProcFs.openDescriptors();
        for (int i = 0; i < 50; i++) {
            churn();
        }
        assertEquals(before, LinuxProcFs.openDescriptors());
    }

    @Test
    @EnabledOnOs(OS.LINUX) // reads /proc
    void socketsAreCloseOnExec() throws Exception {
        try (NativeLoopback raw = NativeLoopback.open(); Loopback typed = Loopback.open();
                NativeSocket udp = NativeSocket.open(SocketFamily.INET, SocketType.DATAGRAM);
                NativeSocket duplicate = raw.client().duplicate()) {
            for (NativeSocket socket : new NativeSocket[] {raw.listener(), raw.client(), raw.server(),
                typed.listener().socket(), typed.client().socket(), typed.server().socket(), udp, duplicate}) {
                int flags = LinuxProcFs.fdinfoFlags(socket.fd());
                assertTrue((flags & LinuxProcFs.O_CLOEXEC) != 0, socket + " flags " + Integer.toOctalString(flags));
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX) // reads /proc
    void anUnreachableSocketIsClosedByTheCleaner() throws Exception {
        assertClosedByTheCleaner(descriptorLink(NativeSocket.open(SocketFamily.INET, SocketType.STREAM)));
    }

    @Test
    @EnabledOnOs(OS.LINUX) // reads /proc
    void anUnreachableTcpStreamIsClosedByTheCleaner() throws Exception {
        try (TcpListener listener = TcpListener.bind(Loopback.HOST, 0)) {
            Descriptor client = descriptorLink(TcpStream.connect(Loopback.HOST, listener.localAddress().getPort()));
            Descriptor server = descriptorLink(listener.accept());
            assertClosedByTheCleaner(client);
            assertClosedByTheCleaner(server);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX) // reads /proc
    void releaseGivesTheDescriptorUpAndAdoptTakesItBack() throws Exception {
        NativeSocket socket = NativeLoopback.listening();
        int port = ((InetSocketAddress) socket.localAddress()).getPort();
        int fd = socket.release();
        assertTrue(socket.isClosed(), "a released socket acts as closed");
        assertThrows(SocketClosedException.class, socket::release);
        assertThrows(SocketClosedException.class, socket::localAddress);
        socket.close(); // closes nothing: the descriptor is no longer the socket's
        Path link = Path.of("/proc/self/fd/" + fd);
        String inode = Files.readSymbolicLink(link).toString();
        assertTrue(inode.startsWith("socket:"), inode);

        try (NativeSocket adopted = NativeSocket.adopt(fd)) {
            assertEquals(fd, adopted.fd());
            assertSame(SocketFamily.INET, adopted.family());
            assertSame(SocketType.STREAM, adopted.type());
            assertEquals(port, ((InetSocketAddress) adopted.localAddress()).getPort(), "still bound and listening");
            try (TcpStream client = TcpStream.connect(Loopback.HOST, port); NativeSocket accepted = adopted.accept()) {
                client.writeAll(new byte[] {9});
                assertArrayEquals(new byte[] {9}, NativeLoopback.readExactly(accepted, 1));
            }
        }
        assertNotEquals(inode, linkTarget(link), "closing the adopted socket closes the descriptor");
    }

    @Test
    void aDuplicateOutlivesTheOriginal() throws Exception {
        try (NativeLoopback loopback = NativeLoopback.open()) {
            NativeSocket duplicate = loopback.client().duplicate();
            try (duplicate) {
                assertNotEquals(loopback.client().fd(), duplicate.fd());
                assertEquals(loopback.client().localAddress(), duplicate.localAddress(), "the same kernel socket");
                assertSame(loopback.client().family(), duplicate.family());
                assertSame(loopback.client().type(), duplicate.type());
                loopback.client().close();
                NativeLoopback.writeAll(duplicate, new byte[] {5});
                assertArrayEquals(new byte[] {5}, NativeLoopback.readExactly(loopback.server(), 1));
            }
            assertEquals(-1, loopback.server().read(new byte[1], 0, 1), "closing the last descriptor ends the stream");
        }
    }

    @Test
    void releaseRefusesWhileACallIsInFlight() throws Exception {
        try (NativeLoopback loopback = NativeLoopback.open()) {
            CompletableFuture<Integer> read = inThread(() -> loopback.server().read(new byte[1], 0, 1));
            Thread.sleep(SETTLE_MILLIS);
            assertThrows(IllegalStateException.class, loopback.server()::release);
            assertFalse(loopback.server().isClosed());
            NativeLoopback.writeAll(loopback.client(), new byte[] {1});
            assertEquals(1, read.get(10, TimeUnit.SECONDS), "the blocked read carried on");
        }
    }

    private static void assertClosedUnder(CompletableFuture<?> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketClosedException.class, e.getCause());
    }

    /** A descriptor's /proc link and what it pointed to while its socket was reachable ("socket:[12345]"). */
    private record Descriptor(Path link, String socketInode) {
    }

    private static void assertClosedByTheCleaner(Descriptor fd) throws Exception {
        assertTrue(fd.socketInode().startsWith("socket:"), fd.socketInode());
        // the number may be reused by then: compare what it points to
        for (int i = 0; i < 200 && Files.exists(fd.link(), LinkOption.NOFOLLOW_LINKS)
                && fd.socketInode().equals(linkTarget(fd.link())); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNotEquals(fd.socketInode(), linkTarget(fd.link()), "descriptor still open");
    }

    /** In its own method, so no local variable keeps the socket reachable once it returns. */
    private static Descriptor descriptorLink(NativeSocket socket) throws IOException {
        Path link = Path.of("/proc/self/fd/" + socket.fd());
        Descriptor fd = new Descriptor(link, Files.readSymbolicLink(link).toString());
        java.lang.ref.Reference.reachabilityFence(socket); // the Cleaner must not run before the link is read
        return fd;
    }

    /** In its own method, so no local variable keeps the stream reachable once it returns. */
    private static Descriptor descriptorLink(TcpStream stream) throws IOException {
        Descriptor fd = descriptorLink(stream.socket());
        java.lang.ref.Reference.reachabilityFence(stream);
        return fd;
    }

    private static String linkTarget(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
            return "(closed)";
        }
    }

    /** Opens, fails and closes sockets in every way the API offers. */
    private static void churn() throws Exception {
        NativeSocket.open(SocketFamily.INET, SocketType.STREAM).close();
        NativeSocket.open(SocketFamily.INET, SocketType.DATAGRAM).close();
        assertThrows(ErrnoException.class, () -> NativeSocket.open(SocketFamily.INET, SocketType.STREAM, SocketProtocol.UDP));
        try (NativeLoopback loopback = NativeLoopback.open();
                NativeSocket taken = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
                NativeSocket refused = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
                NativeSocket unbound = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            int port = ((InetSocketAddress) loopback.listener().localAddress()).getPort();
            assertThrows(BindException.class, () -> taken.bind(Loopback.address(port)));
            assertThrows(ConnectException.class, () -> refused.connect(Loopback.address(SocketFailuresTest.closedPort())));
            assertThrows(IllegalStateException.class, unbound::listen);
            NativeLoopback.writeAll(loopback.client(), new byte[] {7});
            NativeLoopback.readExactly(loopback.server(), 1);
            loopback.client().duplicate().close();
        }
        // the typed API closes what it opened when it fails
        int port;
        try (TcpListener listener = TcpListener.bind(Loopback.HOST, 0)) {
            port = listener.localAddress().getPort();
            assertThrows(BindException.class, () -> TcpListener.bind(Loopback.HOST, port));
        }
        assertThrows(ConnectException.class, () -> TcpStream.connect(Loopback.HOST, port));
        assertThrows(BindException.class, () -> TcpListener.bind("192.0.2.1", 0));
        try (Loopback loopback = Loopback.open()) {
            loopback.client().writeAll(new byte[] {7});
            TcpStreamRoundTripTest.readExactly(loopback.server(), 1);
        }
        try (NativeLoopback loopback = NativeLoopback.open()) {
            CompletableFuture<Integer> read = inThread(() -> loopback.server().read(new byte[1], 0, 1));
            Thread.sleep(1);
            loopback.server().close();
            assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
        }
        try (Loopback loopback = Loopback.open()) {
            CompletableFuture<Integer> read = inThread(() -> loopback.server().read(new byte[1]));
            Thread.sleep(1);
            loopback.server().close();
            assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
        }
    }

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Runs {@code call} on a daemon platform thread, so a call that never returns cannot hold up the JVM. */
    private static <T> CompletableFuture<T> inThread(IoSupplier<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(call.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
