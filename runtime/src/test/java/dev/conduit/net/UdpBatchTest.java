package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.net.sys.LinuxProcFs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sendmmsg/recvmmsg through {@link DatagramBatch}, over 127.0.0.1 and ::1 (Linux). */
@Timeout(60)
class UdpBatchTest {

    private final Arena arena = Arena.ofAuto();

    @BeforeEach
    void linuxOnly() {
        assumeTrue(Platform.current().startsWith("linux-"), "skipped: sendmmsg/recvmmsg are Linux only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void oneCallSendsToSeveralDestinationsAndOneReceivesSeveral(String host) throws IOException {
        assumeTrue(!host.contains(":") || Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        try (UdpSocket sender = UdpSocket.bind(host, 0); UdpSocket even = UdpSocket.bind(host, 0);
             UdpSocket odd = UdpSocket.bind(host, 0)) {
            guard(even);
            guard(odd);
            DatagramBatch batch = DatagramBatch.allocate(8);
            MemorySegment[] data = new MemorySegment[6];
            SocketAddress[] targets = new SocketAddress[6];
            for (int i = 0; i < data.length; i++) {
                data[i] = segment("datagram " + i + "x".repeat(i * 10));
                targets[i] = i % 2 == 0 ? even.localAddress() : odd.localAddress();
            }
            assertEquals(6, sender.sendBatch(batch, data, targets, 6));
            for (int i = 0; i < 6; i++) {
                assertEquals(data[i].byteSize(), batch.length(i), "bytes sent of datagram " + i);
            }
            for (UdpSocket receiver : new UdpSocket[] {even, odd}) {
                List<String> received = receiveAll(receiver, 3, sender.localAddress());
                int first = receiver == even ? 0 : 1;
                assertEquals(List.of(text(data[first]), text(data[first + 2]), text(data[first + 4])), received);
            }
        }
    }

    @Test
    void truncationAndLengthsInOneCall() throws IOException {
        try (UdpSocket sender = UdpSocket.bind("127.0.0.1", 0); UdpSocket receiver = UdpSocket.bind("127.0.0.1", 0)) {
            guard(receiver);
            for (int i = 0; i < 3; i++) {
                sender.send(segment("0123456789".repeat(10)), receiver.localAddress());
            }
            DatagramBatch batch = DatagramBatch.allocate(4);
            MemorySegment[] buffers = {arena.allocate(10), arena.allocate(100), arena.allocate(50), arena.allocate(8)};
            // loopback queues a datagram at the receiver before sendto returns: all three are there
            assertEquals(3, receiver.receiveBatch(batch, buffers, 4), "all three queued, the fourth slot left empty");
            assertEquals(10, batch.length(0));
            assertTrue(batch.truncated(0));
            assertEquals(100, batch.length(1));
            assertFalse(batch.truncated(1));
            assertEquals(50, batch.length(2));
            assertTrue(batch.truncated(2));
            assertEquals(sender.localAddress(), batch.sender(2));
            assertEquals(0, batch.segmentSize(1), "no UDP_GRO: each entry is one datagram");
        }
    }

    @Test
    void aCountBelowWhatIsQueuedLeavesTheRestForTheNextCall() throws IOException {
        try (UdpSocket sender = UdpSocket.bind("127.0.0.1", 0); UdpSocket receiver = UdpSocket.bind("127.0.0.1", 0)) {
            guard(receiver);
            for (int i = 0; i < 5; i++) {
                sender.send(segment("n" + i), receiver.localAddress());
            }
            DatagramBatch batch = DatagramBatch.allocate(8);
            MemorySegment[] buffers = buffers(8, 16);
            assertEquals(2, receiver.receiveBatch(batch, buffers, 2));
            assertEquals("n0", text(buffers[0].asSlice(0, batch.length(0))));
            assertEquals("n1", text(buffers[1].asSlice(0, batch.length(1))));
            assertEquals(3, receiver.receiveBatch(batch, buffers, 8));
            assertEquals("n4", text(buffers[2].asSlice(0, batch.length(2))));
        }
    }

    @Test
    void aFailureAfterTheFirstDatagramEndsTheBatchThere() throws IOException {
        try (UdpSocket sender = UdpSocket.bind("127.0.0.1", 0); UdpSocket receiver = UdpSocket.bind("127.0.0.1", 0)) {
            DatagramBatch batch = DatagramBatch.allocate(3);
            MemorySegment tooLong = arena.allocate(70_000); // over IPv4's 65,507-byte limit: EMSGSIZE
            MemorySegment[] data = {segment("fits"), tooLong, segment("never sent")};
            SocketAddress[] targets = {receiver.localAddress(), receiver.localAddress(), receiver.localAddress()};
            assertEquals(1, sender.sendBatch(batch, data, targets, 3));
            ErrnoException first = assertThrows(ErrnoException.class,
                    () -> sender.sendBatch(batch, new MemorySegment[] {tooLong}, targets, 1));
            assertEquals("EMSGSIZE", first.errnoName());
        }
    }

    @Test
    void aConnectedSocketSendsWithoutTargets() throws IOException {
        try (UdpSocket sender = UdpSocket.bind("127.0.0.1", 0); UdpSocket receiver = UdpSocket.bind("127.0.0.1", 0)) {
            guard(receiver);
            sender.connect(receiver.localAddress());
            DatagramBatch batch = DatagramBatch.allocate(2);
            assertEquals(2, sender.sendBatch(batch, new MemorySegment[] {segment("a"), segment("bb")}, null, 2));
            assertEquals(List.of("a", "bb"), receiveAll(receiver, 2, sender.localAddress()));
        }
    }

    /** The same target objects again: the sockaddrs are reused, and the datagrams still go where they should. */
    @Test
    void aReusedBatchFollowsChangedTargets() throws IOException {
        try (UdpSocket sender = UdpSocket.bind("127.0.0.1", 0); UdpSocket first = UdpSocket.bind("127.0.0.1", 0);
             UdpSocket second = UdpSocket.bind("127.0.0.1", 0)) {
            guard(first);
            guard(second);
            DatagramBatch batch = DatagramBatch.allocate(1);
            MemorySegment[] data = {segment("one")};
            SocketAddress[] targets = {first.localAddress()};
            for (int round = 0; round < 3; round++) {
                assertEquals(1, sender.sendBatch(batch, data, targets, 1));
            }
            targets[0] = second.localAddress();
            assertEquals(1, sender.sendBatch(batch, data, targets, 1));
            assertEquals(List.of("one", "one", "one"), receiveAll(first, 3, sender.localAddress()));
            assertEquals(List.of("one"), receiveAll(second, 1, sender.localAddress()));
        }
    }

    @Test
    void nonBlockingModeReturnsZeroAndAVirtualThreadParksForTheFirstDatagram() throws Exception {
        try (UdpSocket sender = UdpSocket.bind("127.0.0.1", 0); UdpSocket receiver = UdpSocket.bind("127.0.0.1", 0);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            DatagramBatch batch = DatagramBatch.allocate(4);
            MemorySegment[] buffers = buffers(4, 32);
            receiver.socket().setBlocking(false);
            assertEquals(0, receiver.receiveBatch(batch, buffers, 4));
            receiver.socket().setBlocking(true);
            Future<Integer> received = threads.submit(() -> receiver.receiveBatch(batch, buffers, 4));
            Thread.sleep(100);
            assertFalse(received.isDone(), "waits while nothing has arrived");
            sender.send(segment("late"), receiver.localAddress());
            assertEquals(1, received.get(10, TimeUnit.SECONDS));
            assertEquals("late", text(buffers[0].asSlice(0, batch.length(0))));
        }
    }

    @Test
    void theReadTimeoutBoundsTheWait() throws IOException {
        try (UdpSocket receiver = UdpSocket.bind("127.0.0.1", 0)) {
            receiver.setOption(ConduitSocketOptions.SO_RCVTIMEO, Duration.ofMillis(100));
            DatagramBatch batch = DatagramBatch.allocate(2);
            assertThrows(java.net.SocketTimeoutException.class, () -> receiver.receiveBatch(batch, buffers(2, 8), 2));
        }
    }

    @Test
    void closeEndsABlockedReceive() throws Exception {
        UdpSocket receiver = UdpSocket.bind("127.0.0.1", 0);
        try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
            DatagramBatch batch = DatagramBatch.allocate(2);
            Future<Integer> blocked = thread.submit(() -> receiver.receiveBatch(batch, buffers(2, 8), 2));
            Thread.sleep(100);
            receiver.close();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> blocked.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof SocketClosedException, "closed, not an empty datagram: " + e.getCause());
        } finally {
            receiver.close();
        }
    }

    @Test
    void badInputIsRefusedClearlyWithoutLeakingDescriptors() throws IOException {
        long before = LinuxProcFs.openDescriptors();
        assertThrows(IllegalArgumentException.class, () -> DatagramBatch.allocate(0));
        UdpSocket socket = UdpSocket.bind("127.0.0.1", 0);
        try {
            DatagramBatch batch = DatagramBatch.allocate(2);
            SocketAddress[] one = {socket.localAddress()};
            MemorySegment[] two = buffers(2, 8);
            assertThrows(IllegalArgumentException.class, () -> socket.sendBatch(batch, two, one, 2), "targets too short");
            assertThrows(IllegalArgumentException.class, () -> socket.sendBatch(batch, two, null, 0));
            assertThrows(IllegalArgumentException.class, () -> socket.receiveBatch(batch, buffers(3, 8), 3), "over capacity");
            assertThrows(IllegalArgumentException.class, () -> socket.receiveBatch(batch, two, 3));
            assertThrows(IllegalArgumentException.class, () -> socket.receiveBatch(batch, two, -1));
            assertThrows(IllegalArgumentException.class,
                    () -> socket.sendBatch(batch, new MemorySegment[] {MemorySegment.ofArray(new byte[4])}, one, 1), "heap");
            assertThrows(IllegalArgumentException.class,
                    () -> socket.receiveBatch(batch, new MemorySegment[] {two[0].asReadOnly()}, 1), "read-only");
            Arena closed = Arena.ofConfined();
            MemorySegment freed = closed.allocate(8);
            closed.close();
            assertThrows(IllegalStateException.class, () -> socket.receiveBatch(batch, new MemorySegment[] {freed}, 1));
            assertThrows(NullPointerException.class, () -> socket.receiveBatch(batch, new MemorySegment[2], 1));
            assertThrows(NullPointerException.class, () -> socket.sendBatch(batch, two, new SocketAddress[2], 1));
            assertThrows(NullPointerException.class, () -> socket.receiveBatch(null, two, 1));
            assertThrows(NullPointerException.class, () -> socket.receiveBatch(batch, null, 1));
            IllegalArgumentException family = assertThrows(IllegalArgumentException.class, () -> socket.sendBatch(batch,
                    two, new SocketAddress[] {new InetSocketAddress("::1", 9), new InetSocketAddress("::1", 9)}, 2));
            assertTrue(family.getMessage() != null, "names the problem");
            socket.close();
            assertThrows(SocketClosedException.class, () -> socket.receiveBatch(batch, two, 2));
            assertThrows(SocketClosedException.class, () -> socket.sendBatch(batch, two, one, 1));
        } finally {
            socket.close();
        }
        try (Loopback tcp = Loopback.open()) {
            assertThrows(UnsupportedOperationException.class,
                    () -> tcp.client().socket().receiveBatch(DatagramBatch.allocate(1), buffers(1, 8), 1));
            before += 3;
            assertEquals(before, LinuxProcFs.openDescriptors(), "no descriptor left open");
        }
    }

    /** Receives {@code expected} datagrams with as many batch calls as it takes, checking each one's sender. */
    private List<String> receiveAll(UdpSocket receiver, int expected, SocketAddress sender) throws IOException {
        DatagramBatch batch = DatagramBatch.allocate(expected);
        MemorySegment[] buffers = buffers(expected, 256);
        List<String> received = new ArrayList<>();
        for (int attempt = 0; attempt < 100 && received.size() < expected; attempt++) {
            int n = receiver.receiveBatch(batch, buffers, expected - received.size());
            for (int i = 0; i < n; i++) {
                assertEquals(sender, batch.sender(i));
                assertFalse(batch.truncated(i));
                received.add(text(buffers[i].asSlice(0, batch.length(i))));
            }
        }
        return received;
    }

    private MemorySegment[] buffers(int count, int size) {
        MemorySegment[] buffers = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = arena.allocate(size);
        }
        return buffers;
    }

    private MemorySegment segment(String text) {
        return arena.allocateFrom(ValueLayout.JAVA_BYTE, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(MemorySegment bytes) {
        return new String(bytes.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    private static void guard(UdpSocket socket) throws IOException {
        socket.setOption(ConduitSocketOptions.SO_RCVTIMEO, Duration.ofSeconds(5));
    }
}
