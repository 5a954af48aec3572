package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UDP segmentation offload (UDP_SEGMENT) and receive coalescing (UDP_GRO) over loopback (Linux). */
@Timeout(60)
class UdpOffloadTest {

    private static final int SEGMENT = 1000;

    private final Arena arena = Arena.ofAuto();

    @BeforeEach
    void linuxOnly() {
        assumeTrue(Platform.current().startsWith("linux-"), "skipped: UDP_SEGMENT and UDP_GRO are Linux only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void oneSendLeavesAsDatagramsOfTheSegmentSize(String host) throws IOException {
        assumeTrue(!host.contains(":") || Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        try (UdpSocket sender = UdpSocket.bind(host, 0); UdpSocket receiver = UdpSocket.bind(host, 0)) {
            receiver.setOption(ConduitSocketOptions.SO_RCVTIMEO, Duration.ofSeconds(5));
            sender.setOption(ConduitSocketOptions.UDP_SEGMENT, SEGMENT);
            assertEquals(SEGMENT, sender.getOption(ConduitSocketOptions.UDP_SEGMENT));
            MemorySegment data = pattern(4 * SEGMENT + 500);
            assertEquals(data.byteSize(), sender.send(data, receiver.localAddress()));
            MemorySegment buffer = arena.allocate(64 * 1024);
            long total = 0;
            for (int i = 0; i < 5; i++) {
                ReceivedDatagram d = receiver.receive(buffer);
                assertEquals(i < 4 ? SEGMENT : 500, d.length(), "datagram " + i);
                assertEquals(MemorySegment.mismatch(buffer, 0, d.length(), data, total, total + d.length()), -1,
                        "datagram " + i + " holds its part of the send");
                total += d.length();
            }
            assertEquals(data.byteSize(), total);
        }
    }

    /** With UDP_GRO on, the segments of one send arrive as one entry, with the segment size beside it. */
    @Test
    void aReceiverWithGroGetsTheSegmentsCoalescedWithTheirSize() throws IOException {
        try (UdpSocket sender = UdpSocket.bind("127.0.0.1", 0); UdpSocket receiver = UdpSocket.bind("127.0.0.1", 0)) {
            receiver.setOption(ConduitSocketOptions.SO_RCVTIMEO, Duration.ofSeconds(5));
            receiver.setOption(ConduitSocketOptions.UDP_GRO, true);
            assertTrue(receiver.getOption(ConduitSocketOptions.UDP_GRO));
            sender.setOption(ConduitSocketOptions.UDP_SEGMENT, SEGMENT);
            MemorySegment data = pattern(8 * SEGMENT);
            sender.send(data, receiver.localAddress());
            DatagramBatch batch = DatagramBatch.allocate(8);
            MemorySegment[] buffers = new MemorySegment[8];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = arena.allocate(64 * 1024);
            }
            long total = 0;
            for (int calls = 0; calls < 10 && total < data.byteSize(); calls++) {
                int n = receiver.receiveBatch(batch, buffers, buffers.length);
                for (int i = 0; i < n; i++) {
                    if (batch.length(i) > SEGMENT) {
                        assertEquals(SEGMENT, batch.segmentSize(i), "a coalesced entry says its segment size");
                    }
                    assertEquals(-1, MemorySegment.mismatch(buffers[i], 0, batch.length(i), data, total, total + batch.length(i)));
                    total += batch.length(i);
                }
                if (calls == 0) {
                    assertEquals(1, n, "loopback keeps one GSO send whole for a GRO socket");
                    assertEquals(data.byteSize(), batch.length(0));
                }
            }
            assertEquals(data.byteSize(), total);
        }
    }

    @Test
    void withoutGroNoEntryReportsASegmentSize() throws IOException {
        try (UdpSocket sender = UdpSocket.bind("127.0.0.1", 0); UdpSocket receiver = UdpSocket.bind("127.0.0.1", 0)) {
            receiver.setOption(ConduitSocketOptions.SO_RCVTIMEO, Duration.ofSeconds(5));
            assertFalse(receiver.getOption(ConduitSocketOptions.UDP_GRO));
            sender.setOption(ConduitSocketOptions.UDP_SEGMENT, SEGMENT);
            sender.send(pattern(2 * SEGMENT), receiver.localAddress());
            DatagramBatch batch = DatagramBatch.allocate(2);
            MemorySegment[] buffers = {arena.allocate(4096), arena.allocate(4096)};
            int n = receiver.receiveBatch(batch, buffers, 2);
            for (int i = 0; i < n; i++) {
                assertEquals(SEGMENT, batch.length(i));
                assertEquals(0, batch.segmentSize(i));
            }
        }
    }

    @Test
    void badValuesAndSocketsAreRefused() throws IOException {
        try (UdpSocket socket = UdpSocket.bind("127.0.0.1", 0)) {
            assertThrows(IllegalArgumentException.class, () -> socket.setOption(ConduitSocketOptions.UDP_SEGMENT, -1));
            assertThrows(IllegalArgumentException.class, () -> socket.setOption(ConduitSocketOptions.UDP_SEGMENT, 65536));
            socket.setOption(ConduitSocketOptions.UDP_SEGMENT, 0);
            assertEquals(0, socket.getOption(ConduitSocketOptions.UDP_SEGMENT));
            socket.setOption(ConduitSocketOptions.UDP_SEGMENT, 100);
            // more than the kernel's segment limit (UDP_MAX_SEGMENTS) in one send
            ErrnoException tooMany = assertThrows(ErrnoException.class,
                    () -> socket.send(arena.allocate(60_000), socket.localAddress()));
            assertEquals("EINVAL", tooMany.errnoName());
        }
        try (Loopback tcp = Loopback.open()) {
            assertThrows(UnsupportedOperationException.class, () -> tcp.client().setOption(ConduitSocketOptions.UDP_GRO, true));
            assertThrows(UnsupportedOperationException.class, () -> tcp.client().setOption(ConduitSocketOptions.UDP_SEGMENT, 1));
        }
    }

    private MemorySegment pattern(int size) {
        MemorySegment data = arena.allocate(size);
        for (int i = 0; i < size; i++) {
            data.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + i / 251));
        }
        return data;
    }
}
