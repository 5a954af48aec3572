package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A virtual thread's wait leaves its descriptor's epoll registration behind for the next wait (one
 * {@code EPOLL_CTL_MOD} per wait): the registration must follow the socket, not its number. After a
 * socket that waited is closed, a new socket with the same descriptor number is waited on and woken
 * like any other, and one socket waits and wakes many times in a row.
 */
@Timeout(60)
class ParkedWaitReuseTest {

    private static final int ROUNDS = 200;

    @Test
    void oneSocketParksAndWakesManyTimes() throws Exception {
        try (NativeLoopback pair = NativeLoopback.open()) {
            CompletableFuture<Integer> echoed = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    byte[] one = new byte[1];
                    int received = 0;
                    while (received < ROUNDS && pair.server().read(one, 0, 1) == 1) { // parks each time
                        received++;
                        pair.server().write(one, 0, 1);
                    }
                    echoed.complete(received);
                } catch (Exception e) {
                    echoed.completeExceptionally(e);
                }
            });
            byte[] one = new byte[1];
            for (int i = 0; i < ROUNDS; i++) {
                one[0] = (byte) i;
                pair.client().write(one, 0, 1);
                assertEquals(1, pair.client().read(one, 0, 1));
                assertEquals((byte) i, one[0]);
            }
            assertEquals(ROUNDS, echoed.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void aNewSocketWithAClosedOnesNumberIsWokenWhenReady() throws Exception {
        int reused = 0;
        for (int attempt = 0; attempt < 20 && reused < 3; attempt++) {
            int number;
            try (NativeLoopback first = NativeLoopback.open()) {
                awaitOneByte(first); // leaves a fired registration for first.server()'s number
                number = first.server().fd();
            }
            try (NativeLoopback second = NativeLoopback.open()) {
                if (second.server().fd() != number && second.client().fd() != number
                        && second.listener().fd() != number) {
                    continue; // the number went elsewhere this time (another test's socket)
                }
                awaitOneByte(second);
                reused++;
            }
        }
        assertTrue(reused > 0, "no descriptor number was reused in 20 attempts");
    }

    /** A virtual thread parks reading the pair's server end (and the client end too); a byte wakes each. */
    private static void awaitOneByte(NativeLoopback pair) throws Exception {
        for (NativeSocket[] ends : new NativeSocket[][] {{pair.server(), pair.client()}, {pair.client(), pair.server()}}) {
            CompletableFuture<Byte> got = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    byte[] one = new byte[1];
                    ends[0].read(one, 0, 1);
                    got.complete(one[0]);
                } catch (Exception e) {
                    got.completeExceptionally(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(1); // parked on the poller, not just started
            }
            ends[1].write(new byte[] {42}, 0, 1);
            assertEquals((byte) 42, got.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRangeOfNativeOrHeapMemoryIsWrittenAsItsSliceWouldBe() throws Exception {
        try (NativeLoopback pair = NativeLoopback.open(); Arena arena = Arena.ofConfined()) {
            byte[] bytes = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            MemorySegment nativeSource = arena.allocate(bytes.length).copyFrom(MemorySegment.ofArray(bytes));
            for (MemorySegment source : new MemorySegment[] {nativeSource, MemorySegment.ofArray(bytes)}) {
                assertEquals(4, pair.client().write(source, 0, 4));
                assertEquals(3, pair.client().write(source, 6, 3));
                assertEquals(0, pair.client().write(source, 10, 0));
                byte[] got = new byte[7];
                int n = 0;
                while (n < got.length) {
                    n += pair.server().read(got, n, got.length - n);
                }
                assertArrayEquals("0123678".getBytes(java.nio.charset.StandardCharsets.US_ASCII), got);
                assertThrows(IndexOutOfBoundsException.class,
                        () -> pair.client().write(source, 8, 3));
                assertThrows(IndexOutOfBoundsException.class,
                        () -> pair.client().write(source, -1, 1));
            }
        }
    }

    @Test
    void writeAllOfARangeSendsExactlyThatRange() throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0);
             TcpStream client = TcpStream.connect("127.0.0.1", listener.localAddress().getPort());
             TcpStream server = listener.accept();
             Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocate(100_000);
            for (int i = 0; i < source.byteSize(); i++) {
                source.set(ValueLayout.JAVA_BYTE, i, (byte) i);
            }
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    byte[] got = new byte[90_000];
                    int n = 0;
                    while (n < got.length) {
                        n += server.read(got, n, got.length - n);
                    }
                    return got;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            client.writeAll(source, 7, 90_000); // more than a socket buffer: several writes
            assertArrayEquals(source.asSlice(7, 90_000).toArray(ValueLayout.JAVA_BYTE), received.get(20, TimeUnit.SECONDS));
            assertThrows(IndexOutOfBoundsException.class, () -> client.writeAll(source, 99_999, 2));
        }
    }
}
