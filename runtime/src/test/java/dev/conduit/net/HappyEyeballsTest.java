package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 8305 over loopback: an address that never answers beside one that does. */
@Timeout(60)
class HappyEyeballsTest {

    @Test
    void theAddressThatAnswersWinsAfterTheStagger() throws Exception {
        assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        try (ConnectCloseRaceTest.Blackhole blackhole = ConnectCloseRaceTest.Blackhole.open()) {
            int port = blackhole.address().getPort();
            try (TcpListener good = TcpListener.bind(new InetSocketAddress(Ipv6Test.LOOPBACK6, port))) {
                InetAddress silent = InetAddress.getByName("127.0.0.1");
                long start = System.nanoTime();
                try (TcpStream stream = HappyEyeballs.connect("test", List.of(silent, Ipv6Test.LOOPBACK6), port,
                        Duration.ofMillis(250)); TcpStream accepted = good.accept()) {
                    long took = System.nanoTime() - start;
                    assertEquals(Ipv6Test.LOOPBACK6, stream.remoteAddress().getAddress());
                    assertEquals(stream.localAddress(), accepted.remoteAddress());
                    assertTrue(took >= Duration.ofMillis(200).toNanos(), "the second attempt waited for the stagger: "
                            + Duration.ofNanos(took));
                    assertTrue(took < Duration.ofSeconds(5).toNanos(), "and did not wait for the silent one: "
                            + Duration.ofNanos(took));
                }
            }
        }
    }

    @Test
    void aFirstAddressThatAnswersNeedsNoStagger() throws Exception {
        assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        try (TcpListener good = TcpListener.bind("127.0.0.1", 0)) {
            int port = good.localAddress().getPort();
            long start = System.nanoTime();
            try (TcpStream stream = HappyEyeballs.connect("test", List.of(InetAddress.getByName("127.0.0.1"),
                    Ipv6Test.LOOPBACK6), port, Duration.ofSeconds(10)); TcpStream _ = good.accept()) {
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
                assertEquals(InetAddress.getByName("127.0.0.1"), stream.remoteAddress().getAddress());
            }
        }
    }

    @Test
    void aRefusedAttemptStartsTheNextAtOnceAndAllFailingIsReported() throws Exception {
        assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        int closedPort;
        try (TcpListener gone = TcpListener.bind("127.0.0.1", 0)) {
            closedPort = gone.localAddress().getPort();
        }
        long start = System.nanoTime();
        ConnectException e = assertThrows(ConnectException.class, () -> HappyEyeballs.connect("test",
                List.of(InetAddress.getByName("127.0.0.1"), Ipv6Test.LOOPBACK6), closedPort, Duration.ofSeconds(10)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "refusals do not wait for the stagger");
        assertEquals(2, e.getSuppressed().length, e.getMessage());
        assertTrue(e.getMessage().contains("failed for each of its 2 addresses"), e.getMessage());
    }

    @Test
    void familiesAreInterleavedFromTheResolversFirst() throws IOException {
        InetAddress a4 = InetAddress.getByName("192.0.2.1");
        InetAddress b4 = InetAddress.getByName("192.0.2.2");
        InetAddress a6 = InetAddress.getByName("2001:db8::1");
        InetAddress b6 = InetAddress.getByName("2001:db8::2");
        assertEquals(List.of(a6, a4, b6, b4), HappyEyeballs.interleaved(List.of(a6, b6, a4, b4)));
        assertEquals(List.of(a4, a6, b4, b6), HappyEyeballs.interleaved(List.of(a4, b4, a6, b6)));
        assertEquals(List.of(a4, b4), HappyEyeballs.interleaved(List.of(a4, b4)));
    }
}
