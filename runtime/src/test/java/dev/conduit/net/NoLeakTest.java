package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.net.sys.GlibcMalloc;
import dev.conduit.net.sys.LinuxProcFs;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A long loop of failing calls (and resolutions) leaks neither descriptors (/proc/self/fd counted
 * before and after) nor native memory (glibc's count of bytes in use, which the Java heap does not
 * move). Linux with glibc only.
 */
@Timeout(120)
class NoLeakTest {

    private static final int WARM_UP = 10_000;
    private static final int ROUNDS = 5_000;
    private static final int PHASES = 3;
    private static final int RESOLUTIONS = 5;
    /**
     * The JVM's own native memory drifts by megabytes while it warms up (mostly down, as the JIT
     * frees); a leak adds in every phase. So the least growth of three phases is compared: a leak of
     * 20 bytes a round is more than this in each of them.
     */
    private static final long MAX_NATIVE_GROWTH = 100L * 1024;

    @Test
    void failingCallsLeakNothing() throws Exception {
        assumeTrue(Sys.sockets().variant().startsWith("linux-") && GlibcMalloc.available(),
                "skipped: reads /proc/self/fd and glibc's mallinfo2");
        int closedPort;
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            closedPort = listener.localAddress().getPort();
        }
        for (int i = 0; i < WARM_UP; i++) {
            failEveryWay(closedPort);
        }
        System.gc(); // runs the Cleaner of anything the warm-up left unreachable
        long fdsBefore = LinuxProcFs.openDescriptors();
        long[] growth = new long[PHASES];
        for (int phase = 0; phase < PHASES; phase++) {
            long before = GlibcMalloc.inUseBytes();
            for (int i = 0; i < ROUNDS; i++) {
                failEveryWay(closedPort);
            }
            System.gc();
            growth[phase] = GlibcMalloc.inUseBytes() - before;
        }
        assertEquals(fdsBefore, LinuxProcFs.openDescriptors(), "descriptors leaked");
        long least = java.util.Arrays.stream(growth).min().orElseThrow();
        assertTrue(least < MAX_NATIVE_GROWTH, "native memory in use grew in every phase of " + ROUNDS
                + " rounds: " + java.util.Arrays.toString(growth) + " bytes");
    }

    private static void failEveryWay(int closedPort) throws IOException {
        for (int i = 0; i < RESOLUTIONS; i++) {
            Hosts.resolve(Sys.sockets(), "localhost"); // each a getaddrinfo list, which must be freed
            Hosts.resolve(Sys.sockets(), "::1");
        }
        assertThrows(UnknownHostException.class, () -> TcpStream.connect("256.1.1.1", 80));
        assertThrows(UnknownHostException.class, () -> TcpStream.connect("::g", 80));
        assertThrows(UnknownHostException.class, () -> TcpStream.connect("bad\0host", 80));
        assertThrows(java.net.ConnectException.class, () -> TcpStream.connect("127.0.0.1", closedPort));
        assertThrows(IllegalArgumentException.class, () -> TcpStream.connect("127.0.0.1", -1));
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            assertThrows(IllegalArgumentException.class, () -> socket.setOption(StandardSocketOptions.IP_TOS, 999));
            assertThrows(IllegalStateException.class, () -> socket.listen(1));
            assertThrows(IllegalArgumentException.class,
                    () -> socket.bind(new InetSocketAddress(Ipv6Test.LOOPBACK6, 0)));
        }
    }
}
