package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The event loop over non-blocking loopback sockets. */
@Timeout(30)
class PollerTest {

    @Test
    void nonBlockingCallsReturnInsteadOfWaiting() throws IOException {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0);
                NativeSocket client = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
                Arena arena = Arena.ofConfined()) {
            listener.socket().setBlocking(false);
            assertFalse(listener.socket().isBlocking());
            assertNull(listener.socket().accept(), "nothing to accept yet");
            client.setBlocking(false);
            boolean connected = client.connect(listener.localAddress());
            while (!connected) {
                connected = client.finishConnect();
            }
            NativeSocket next;
            while ((next = listener.socket().accept()) == null) {
                Thread.onSpinWait();
            }
            try (NativeSocket accepted = next) {
                accepted.setBlocking(false);
                assertEquals(0, accepted.read(arena.allocate(16)), "no data yet");
                client.write(arena.allocateFrom("x", StandardCharsets.US_ASCII));
            }
        }
    }

    /**
     * acceptNonBlocking hands over a socket already in non-blocking mode, while accept's are
     * blocking: a read with nothing to read returns 0 at once from the first, and from the second
     * only times out (SO_RCVTIMEO), i.e. it waits.
     */
    @Test
    void acceptNonBlockingGivesANonBlockingSocket() throws IOException {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0);
                TcpStream first = TcpStream.connect(listener.localAddress());
                TcpStream second = TcpStream.connect(listener.localAddress());
                NativeSocket nonBlocking = listener.socket().acceptNonBlocking();
                NativeSocket blocking = listener.socket().accept();
                Arena arena = Arena.ofConfined()) {
            assertFalse(nonBlocking.isBlocking());
            assertTrue(blocking.isBlocking());
            assertEquals(0, nonBlocking.read(arena.allocate(16)), "no data yet: returns at once");
            blocking.setOption(ConduitSocketOptions.SO_RCVTIMEO, Duration.ofMillis(50));
            assertThrows(java.net.SocketTimeoutException.class, () -> blocking.read(arena.allocate(16)));
            first.writeAll(bytes("ab")); // to both: whichever was accepted first
            second.writeAll(bytes("ab"));
            MemorySegment buffer = arena.allocate(16);
            long n;
            while ((n = nonBlocking.read(buffer)) == 0) {
                Thread.onSpinWait();
            }
            assertEquals(2, n);
            listener.socket().setBlocking(false);
            assertNull(listener.socket().acceptNonBlocking(), "nothing to accept: null in non-blocking mode");
        }
    }

    @Test
    void aLoopServesManyConnections() throws Exception {
        int clients = 200;
        try (Poller poller = Poller.open(); TcpListener listener = TcpListener.bind("127.0.0.1", 0);
                Arena arena = Arena.ofConfined()) {
            listener.socket().setBlocking(false);
            PollerKey listening = poller.register(listener, Poller.READ, "listener");
            Map<Integer, TcpStream> streams = new HashMap<>();
            for (int i = 0; i < clients; i++) {
                streams.put(i, TcpStream.connect(listener.localAddress()));
            }
            for (TcpStream s : streams.values()) {
                s.writeAll(bytes("ping"));
            }
            int echoed = 0;
            MemorySegment buffer = arena.allocate(64);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (echoed < clients && System.nanoTime() < deadline) {
                int ready = poller.poll(Duration.ofSeconds(1));
                for (int i = 0; i < ready; i++) {
                    PollerKey key = poller.readyKey(i);
                    if (key == listening) {
                        NativeSocket accepted;
                        while ((accepted = listener.socket().accept()) != null) {
                            accepted.setBlocking(false);
                            poller.register(accepted, Poller.READ, false, "connection");
                        }
                    } else {
                        assertTrue((poller.readyOps(i) & Poller.READ) != 0);
                        long n = key.socket().read(buffer);
                        if (n > 0) {
                            key.socket().write(buffer.asSlice(0, n));
                            echoed++;
                        } else if (n < 0) {
                            key.cancel();
                            key.socket().close();
                        }
                    }
                }
            }
            assertEquals(clients, echoed);
            for (TcpStream s : streams.values()) {
                byte[] back = new byte[4];
                assertEquals(4, s.read(back));
                assertEquals("ping", new String(back, StandardCharsets.US_ASCII));
                s.close();
            }
        }
    }

    @Test
    void wakeupFromAnotherThreadEndsAWait() throws Exception {
        try (Poller poller = Poller.open()) {
            Thread waker = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(100);
                    poller.wakeup();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            assertEquals(0, poller.poll(null), "woken with nothing ready");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
            waker.join();
            assertEquals(0, poller.poll(Duration.ZERO), "a wake-up is not counted twice");
        }
    }

    @Test
    void edgeTriggeredReportsOncePerArrival() throws IOException {
        try (Poller poller = Poller.open(); Loopback loopback = Loopback.open()) {
            loopback.server().socket().setBlocking(false);
            poller.register(loopback.server().socket(), Poller.READ, true, null);
            loopback.client().writeAll(bytes("a"));
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
            assertEquals(0, poller.poll(Duration.ofMillis(50)), "not again until more arrives");
            loopback.client().writeAll(bytes("b"));
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
        }
    }

    @Test
    void levelTriggeredReportsWhileItLasts() throws IOException {
        try (Poller poller = Poller.open(); Loopback loopback = Loopback.open()) {
            loopback.server().socket().setBlocking(false);
            PollerKey key = poller.register(loopback.server(), Poller.READ, "x");
            assertSame("x", key.attachment());
            loopback.client().writeAll(bytes("a"));
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
            assertEquals(1, poller.poll(Duration.ofSeconds(5)), "still unread");
            key.interest(Poller.WRITE);
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
            assertEquals(Poller.WRITE, poller.readyOps(0) & (Poller.READ | Poller.WRITE));
            key.cancel();
            assertFalse(key.isValid());
            assertEquals(0, poller.poll(Duration.ofMillis(50)));
        }
    }

    @Test
    void aWakeUpStormLeavesTheLoopWorking() throws Exception {
        try (Poller poller = Poller.open(); Loopback loopback = Loopback.open()) {
            loopback.server().socket().setBlocking(false);
            poller.register(loopback.server(), Poller.READ, null);
            java.util.List<Thread> wakers = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                wakers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < 20_000; i++) {
                            poller.wakeup();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (wakers.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
                assertEquals(0, poller.poll(Duration.ofMillis(10)), "wake-ups are not events");
            }
            for (Thread waker : wakers) {
                waker.join();
            }
            loopback.client().writeAll(bytes("x"));
            assertEquals(1, poller.poll(Duration.ofSeconds(5)), "a real event still comes through");
        }
    }

    @Test
    void closeRacingRegisterEndsOneWayOrTheOther() throws Exception {
        try (Poller poller = Poller.open()) {
            for (int trial = 0; trial < 200; trial++) {
                NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
                socket.setBlocking(false);
                Thread closer = Thread.ofPlatform().start(() -> {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                try {
                    PollerKey key = poller.register(socket, Poller.READ, false, null);
                    closer.join();
                    try {
                        key.cancel(); // the descriptor may be gone: cancel must not throw anything but closed
                    } catch (SocketClosedException expected) {
                        // closed first
                    }
                } catch (SocketClosedException closedFirst) {
                    closer.join();
                }
                assertTrue(socket.isClosed());
            }
            assertEquals(0, poller.poll(Duration.ZERO), "no stale event from a closed socket");
        }
    }

    @Test
    void misuseIsRefused() throws IOException {
        Poller poller = Poller.open();
        try (Loopback loopback = Loopback.open()) {
            assertThrows(IllegalBlockingModeException.class, () -> poller.register(loopback.server(), Poller.READ, null));
            loopback.server().socket().setBlocking(false);
            assertThrows(IllegalArgumentException.class, () -> poller.register(loopback.server(), 0, null));
            assertThrows(IllegalArgumentException.class, () -> poller.register(loopback.server(), 8, null));
            assertThrows(NullPointerException.class, () -> poller.register((TcpStream) null, Poller.READ, null));
            assertThrows(IllegalArgumentException.class, () -> poller.poll(Duration.ofMillis(-1)));
            assertThrows(IndexOutOfBoundsException.class, () -> poller.readyKey(0));
            NativeSocket closed = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
            closed.setBlocking(false);
            closed.close();
            assertThrows(SocketClosedException.class, () -> poller.register(closed, Poller.READ, false, null));
            poller.close();
            poller.close();
            assertThrows(ClosedSelectorException.class, () -> poller.poll(Duration.ZERO));
            assertThrows(ClosedSelectorException.class, poller::wakeup);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
