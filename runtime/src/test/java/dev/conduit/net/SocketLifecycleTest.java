package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.net.sys.LinuxProcFs;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
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

    @Test
    @EnabledOnOs(OS.LINUX) // shutdown(2) does not wake a blocked accept on macOS; see Socket.accept
    void closeWakesAThreadBlockedInAccept() throws Exception {
        Socket listener = Loopback.listening();
        CompletableFuture<Socket> accept = inThread(listener::accept);
        Thread.sleep(SETTLE_MILLIS);
        listener.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> accept.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketClosedException.class, e.getCause());
    }

    @Test
    void closeWakesAThreadBlockedInRecv() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            CompletableFuture<byte[]> recv = inThread(() -> loopback.server().recv(16));
            Thread.sleep(SETTLE_MILLIS);
            loopback.server().close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> recv.get(10, TimeUnit.SECONDS));
            assertInstanceOf(SocketClosedException.class, e.getCause(), "not EOF: the peer never closed");
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
        try (Loopback loopback = Loopback.open()) {
            for (Socket socket : new Socket[] {loopback.listener(), loopback.client(), loopback.server()}) {
                int flags = LinuxProcFs.fdinfoFlags(socket.fdNumber());
                assertTrue((flags & LinuxProcFs.O_CLOEXEC) != 0, "fd " + socket.fdNumber() + " flags " + Integer.toOctalString(flags));
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX) // reads /proc
    void anUnreachableSocketIsClosedByTheCleaner() throws Exception {
        Path fd = descriptorLink(Socket.open());
        String socketInode = Files.readSymbolicLink(fd).toString(); // "socket:[12345]"; the number may be reused
        for (int i = 0; i < 200 && Files.exists(fd, LinkOption.NOFOLLOW_LINKS) && socketInode.equals(linkTarget(fd)); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNotEquals(socketInode, linkTarget(fd), "descriptor still open");
    }

    /** In its own method, so no local variable keeps the socket reachable. */
    private static Path descriptorLink(Socket socket) {
        return Path.of("/proc/self/fd/" + socket.fdNumber());
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
        Socket.open().close();
        try (Loopback loopback = Loopback.open(); Socket taken = Socket.open(); Socket refused = Socket.open()) {
            int port = loopback.listener().localAddress().getPort();
            assertThrows(BindException.class, () -> taken.bind(Loopback.HOST, port));
            assertThrows(ConnectException.class, () -> refused.connect(Loopback.HOST, SocketFailuresTest.closedPort()));
            loopback.client().sendAll(new byte[] {7});
            SocketRoundTripTest.recvExactly(loopback.server(), 1);
        }
        try (Loopback loopback = Loopback.open()) {
            CompletableFuture<byte[]> recv = inThread(() -> loopback.server().recv(1));
            Thread.sleep(1);
            loopback.server().close();
            assertThrows(ExecutionException.class, () -> recv.get(10, TimeUnit.SECONDS));
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
