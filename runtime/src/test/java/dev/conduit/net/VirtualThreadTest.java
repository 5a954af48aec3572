package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocking calls on virtual threads park instead of pinning their carrier: hundreds blocked at
 * once leave the scheduler free for other work, JFR records no pinning, and close, interrupt and
 * timeouts end a parked call as they end a blocked one.
 */
@Timeout(60)
class VirtualThreadTest {

    private static final int BLOCKED = 500;

    @TempDir
    Path dir;

    @Test
    void manyBlockedReadsLeaveTheSchedulerFreeAndNothingPins() throws Exception {
        // The first use of each call links its downcall and loads classes, and a virtual thread
        // waiting for another's class initialization is pinned (JDK 25): warm up, then record.
        blockedReadsAreServed();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
            recording.start();
            blockedReadsAreServed();
            recording.stop();
            Path file = dir.resolve("pinning.jfr");
            recording.dump(file);
            List<RecordedEvent> pinned = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).toList();
            assertEquals(List.of(), pinned.stream().map(e -> e.getStackTrace() == null ? "?" :
                    e.getStackTrace().getFrames().getFirst().getMethod().getName()).toList(), "pinned virtual threads");
        }
    }

    private void blockedReadsAreServed() throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            List<TcpStream> clients = new ArrayList<>();
            CountDownLatch reading = new CountDownLatch(BLOCKED);
            AtomicInteger served = new AtomicInteger();
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < BLOCKED; i++) {
                clients.add(TcpStream.connect(listener.localAddress()));
                TcpStream server = listener.accept();
                readers.add(Thread.ofVirtual().start(() -> {
                    try (server) {
                        byte[] one = new byte[1];
                        reading.countDown();
                        if (server.read(one) == 1) {
                            server.writeAll(one);
                            served.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            assertTrue(reading.await(20, TimeUnit.SECONDS), "every reader started");
            Thread.sleep(200); // in read by now: each parked, none on a carrier
            AtomicLong ticks = new AtomicLong();
            Thread ticker = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 20; i++) {
                    ticks.incrementAndGet();
                    Thread.onSpinWait();
                }
            });
            ticker.join(Duration.ofSeconds(5));
            assertEquals(20, ticks.get(), "another virtual thread ran while " + BLOCKED + " were blocked in read");
            for (TcpStream client : clients) {
                client.writeAll(new byte[] {7});
            }
            for (Thread reader : readers) {
                reader.join(Duration.ofSeconds(20));
            }
            assertEquals(BLOCKED, served.get());
            for (TcpStream client : clients) {
                byte[] back = new byte[1];
                assertEquals(1, client.read(back));
                client.close();
            }
        }
    }

    @Test
    void aReaderAndAWriterParkedOnOneSocketBothWake() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            TcpStream both = loopback.server();
            CompletableFuture<Throwable> reader = onVirtualThread(() -> {
                if (both.read(new byte[4]) <= 0) {
                    throw new IllegalStateException("no data");
                }
            });
            byte[] chunk = new byte[1 << 20];
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            CompletableFuture<Throwable> writer = onVirtualThread(() -> {
                for (int i = 0; i < 32; i++) { // far past the socket buffers: parks until the peer reads
                    both.writeAll(chunk);
                    written.addAndGet(chunk.length);
                }
            });
            Thread.sleep(300); // both parked on the same descriptor now, for different readiness
            byte[] sink = new byte[1 << 16];
            long drained = 0;
            while (drained < 32L * chunk.length) {
                drained += loopback.client().read(sink);
            }
            assertEquals(null, writer.get(10, TimeUnit.SECONDS), "the writer woke for writability");
            loopback.client().writeAll(new byte[] {1, 2, 3, 4});
            assertEquals(null, reader.get(10, TimeUnit.SECONDS), "the reader woke for its data");
        }
    }

    @Test
    @SuppressWarnings("try") // closes a resource of the try early: what closing does is the test
    void closeWakesParkedReadAndAccept() throws Exception {
        try (Loopback loopback = Loopback.open(); TcpListener idle = TcpListener.bind("127.0.0.1", 0)) {
            CompletableFuture<Throwable> read = onVirtualThread(() -> loopback.server().read(new byte[8]));
            CompletableFuture<Throwable> accept = onVirtualThread(idle::accept);
            Thread.sleep(200);
            loopback.server().close();
            idle.close();
            assertInstanceOf(SocketClosedException.class, read.get(5, TimeUnit.SECONDS));
            assertInstanceOf(SocketClosedException.class, accept.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void interruptClosesTheSocketAsTheJdksDo() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    loopback.server().read(new byte[8]);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            Thread.sleep(200);
            reader.interrupt();
            Throwable failure = outcome.get(5, TimeUnit.SECONDS);
            assertInstanceOf(SocketClosedByInterruptException.class, failure);
            assertEquals("closed by interrupt", failure.getMessage());
            assertTrue(loopback.server().isClosed());
        }
    }

    @Test
    void readTimeoutIsADeadline() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            loopback.server().setOption(ConduitSocketOptions.SO_RCVTIMEO, Duration.ofMillis(300));
            long start = System.nanoTime();
            Throwable failure = onVirtualThread(() -> loopback.server().read(new byte[8])).get(10, TimeUnit.SECONDS);
            long waited = System.nanoTime() - start;
            assertInstanceOf(SocketTimeoutException.class, failure);
            assertTrue(waited >= Duration.ofMillis(250).toNanos(), "waited " + Duration.ofNanos(waited));
        }
    }

    @Test
    void connectOnAVirtualThreadCompletesOrFailsThroughReadiness() throws Exception {
        int closedPort;
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            closedPort = listener.localAddress().getPort();
            Throwable ok = onVirtualThread(() -> TcpStream.connect("127.0.0.1",
                    listener.localAddress().getPort()).close()).get(10, TimeUnit.SECONDS);
            assertEquals(null, ok);
        }
        Throwable refused = onVirtualThread(() -> TcpStream.connect("127.0.0.1", closedPort)).get(10, TimeUnit.SECONDS);
        assertInstanceOf(ConnectException.class, refused);
        assertTrue(refused.getMessage().contains("ECONNREFUSED"), refused.getMessage());
    }

    @Test
    @SuppressWarnings("try") // closes a resource of the try early: what closing does is the test
    void datagramsOnVirtualThreadsPark() throws Exception {
        try (UdpSocket server = UdpSocket.bind("127.0.0.1", 0); UdpSocket client = UdpSocket.bind("127.0.0.1", 0)) {
            CompletableFuture<Throwable> received = onVirtualThread(() -> {
                byte[] buffer = new byte[16];
                ReceivedDatagram d = server.receive(buffer);
                if (d.length() != 3 || !d.sender().equals(client.localAddress())) {
                    throw new IllegalStateException("got " + d);
                }
            });
            Thread.sleep(100);
            assertEquals(null, onVirtualThread(() -> client.send(new byte[] {1, 2, 3}, server.localAddress()))
                    .get(5, TimeUnit.SECONDS));
            assertEquals(null, received.get(5, TimeUnit.SECONDS));
            CompletableFuture<Throwable> closed = onVirtualThread(() -> server.receive(new byte[16]));
            Thread.sleep(100);
            server.close();
            assertInstanceOf(SocketClosedException.class, closed.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void descriptorsPassOnVirtualThreads() throws Exception {
        UnixStream[] pair = UnixStream.pair();
        try (UnixStream a = pair[0]; UnixStream b = pair[1]; UdpSocket payload = UdpSocket.bind("127.0.0.1", 0)) {
            CompletableFuture<Throwable> received = onVirtualThread(() -> {
                try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined();
                        ReceivedMessage m = b.receive(arena.allocate(4), 2)) {
                    if (m.descriptors().size() != 1) {
                        throw new IllegalStateException("got " + m);
                    }
                }
            });
            Thread.sleep(100);
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                a.send(arena.allocate(1), payload.socket().fd());
            }
            assertEquals(null, received.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aUnixStreamOnVirtualThreadsToo() throws Exception {
        UnixStream[] pair = UnixStream.pair();
        try (UnixStream a = pair[0]; UnixStream b = pair[1]) {
            CompletableFuture<Throwable> read = onVirtualThread(() -> {
                byte[] got = new byte[5];
                int n = b.read(got);
                if (n != 5 || !new String(got, StandardCharsets.US_ASCII).equals("hello")) {
                    throw new IllegalStateException("read " + n);
                }
            });
            Thread.sleep(100);
            a.writeAll("hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals(null, read.get(5, TimeUnit.SECONDS));
        }
        assertTrue(Files.isDirectory(dir));
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** Runs {@code call} on a new virtual thread; completes with what it threw, or null. */
    static CompletableFuture<Throwable> onVirtualThread(Call call) {
        return onThread(true, call);
    }

    /** Runs {@code call} on a new virtual or platform thread; completes with what it threw, or null. */
    static CompletableFuture<Throwable> onThread(boolean virtual, Call call) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(() -> {
            try {
                call.run();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        return outcome;
    }
}
