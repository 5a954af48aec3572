package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.net.sys.LinuxProcFs;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connect that never completes (the peer's accept queue is full, so its SYNs are dropped) ends
 * when the socket is closed, whenever the close comes, on platform and virtual threads alike; and
 * a connect timeout is a deadline.
 */
@Timeout(120)
class ConnectCloseRaceTest {

    private static final int TRIALS = 60;

    @Test
    void closeEndsAConnectAtAnyMoment() throws Exception {
        try (Blackhole blackhole = Blackhole.open()) {
            long fdsBefore = isLinux() ? LinuxProcFs.openDescriptors() : 0;
            Random random = new Random(42);
            for (int trial = 0; trial < TRIALS; trial++) {
                boolean virtual = trial % 2 == 1;
                NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
                CompletableFuture<Throwable> outcome = new CompletableFuture<>();
                Runnable connect = () -> {
                    try {
                        socket.connect(blackhole.address());
                        outcome.complete(null);
                    } catch (Throwable t) {
                        outcome.complete(t);
                    }
                };
                if (virtual) {
                    Thread.ofVirtual().start(connect);
                } else {
                    Thread.ofPlatform().start(connect);
                }
                long delayMicros = random.nextInt(3_000); // before, during, and after entering connect
                Thread.sleep(delayMicros / 1000, (int) (delayMicros % 1000) * 1000);
                socket.close();
                Throwable failure = outcome.get(5, TimeUnit.SECONDS); // a hang fails here
                assertInstanceOf(SocketClosedException.class, failure, "trial " + trial + " (virtual: " + virtual + ")");
            }
            if (isLinux()) {
                assertEquals(fdsBefore, LinuxProcFs.openDescriptors(), "every closed socket's descriptor was released");
            }
        }
    }

    @Test
    void aConnectTimeoutIsADeadlineAndClosesTheSocket() throws Exception {
        try (Blackhole blackhole = Blackhole.open()) {
            for (boolean virtual : new boolean[] {false, true}) {
                NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
                long start = System.nanoTime();
                Throwable failure = VirtualThreadTest.onThread(virtual,
                        () -> socket.connect(blackhole.address(), Duration.ofMillis(300))).get(10, TimeUnit.SECONDS);
                long waited = System.nanoTime() - start;
                assertInstanceOf(SocketTimeoutException.class, failure);
                assertTrue(waited >= Duration.ofMillis(250).toNanos() && waited < Duration.ofSeconds(5).toNanos(),
                        "waited " + Duration.ofNanos(waited));
                assertTrue(socket.isClosed(), "a timed-out connect leaves the socket closed");
            }
        }
    }

    private static boolean isLinux() {
        return Sys.sockets().variant().startsWith("linux-");
    }

    /** A loopback listener whose accept queue is full: further connects get no answer. */
    record Blackhole(TcpListener listener, List<TcpStream> fillers) implements AutoCloseable {

        static Blackhole open() throws IOException {
            TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0), 0);
            List<TcpStream> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) { // the queue holds backlog + 1 or so; the rest time out
                    NativeSocket probe = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
                    try {
                        probe.connect(listener.localAddress(), Duration.ofMillis(200));
                        fillers.add(new TcpStream(probe));
                    } catch (SocketTimeoutException full) {
                        return new Blackhole(listener, fillers);
                    }
                }
                throw new IllegalStateException("the accept queue never filled: this kernel answers every SYN");
            } catch (IOException | RuntimeException e) {
                listener.close();
                throw e;
            }
        }

        InetSocketAddress address() throws IOException {
            return listener.localAddress();
        }

        @Override
        public void close() throws IOException {
            for (TcpStream filler : fillers) {
                filler.close();
            }
            listener.close();
        }
    }
}
