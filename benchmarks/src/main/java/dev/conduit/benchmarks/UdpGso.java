package dev.conduit.benchmarks;

import dev.conduit.net.ConduitSocketOptions;
import dev.conduit.net.DatagramBatch;
import dev.conduit.net.UdpSocket;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 32 KiB sent as 32 datagrams of 1 KiB over loopback UDP (127.0.0.1) and received, on one thread:
 * Conduit with one {@code send} cut into datagrams by the kernel ({@code UDP_SEGMENT}) to a receiver
 * with {@code UDP_GRO}, which takes the 32 as one ({@code conduitGsoGro}); the same send to a
 * receiver without GRO taking them with one {@code recvmmsg} ({@code conduitGsoBatch}); and NIO, which
 * has neither, with 32 {@code DatagramChannel.send} and 32 {@code receive} on direct buffers
 * ({@code nio}). Linux only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UdpGso {
    static final int SEGMENTS = 32;
    static final int SEGMENT = 1024;
    static final int TOTAL = SEGMENTS * SEGMENT;

    @State(Scope.Thread)
    public static class Conduit {
        private Arena arena;
        UdpSocket sender;
        UdpSocket groReceiver;
        UdpSocket plainReceiver;
        MemorySegment data;
        DatagramBatch batch = DatagramBatch.allocate(SEGMENTS);
        MemorySegment[] buffers = new MemorySegment[SEGMENTS];
        MemorySegment[] whole = new MemorySegment[1];
        SocketAddress groTarget;
        SocketAddress plainTarget;

        @Setup(Level.Trial)
        public void open() throws IOException {
            arena = Arena.ofConfined();
            sender = UdpSocket.bind("127.0.0.1", 0);
            sender.setOption(ConduitSocketOptions.UDP_SEGMENT, SEGMENT);
            groReceiver = UdpSocket.bind("127.0.0.1", 0);
            groReceiver.setOption(ConduitSocketOptions.UDP_GRO, true);
            plainReceiver = UdpSocket.bind("127.0.0.1", 0);
            groTarget = groReceiver.localAddress();
            plainTarget = plainReceiver.localAddress();
            data = arena.allocate(TOTAL).fill((byte) 'g');
            for (int i = 0; i < SEGMENTS; i++) {
                buffers[i] = arena.allocate(SEGMENT);
            }
            whole[0] = arena.allocate(64 * 1024);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            try (var _ = sender; var _ = groReceiver; var _ = plainReceiver) {
                arena.close();
            }
        }
    }

    /** Direct buffers for the NIO side. */
    @State(Scope.Thread)
    public static class NioBuffers {
        ByteBuffer out = ByteBuffer.allocateDirect(SEGMENT);
        ByteBuffer in = ByteBuffer.allocateDirect(SEGMENT);
    }

    @Benchmark
    public long conduitGsoGro(Conduit c) throws IOException {
        c.sender.send(c.data, c.groTarget);
        long received = 0;
        while (received < TOTAL) {
            int n = c.groReceiver.receiveBatch(c.batch, c.whole, 1);
            received += n == 0 ? 0 : c.batch.length(0);
        }
        return received;
    }

    @Benchmark
    public long conduitGsoBatch(Conduit c) throws IOException {
        c.sender.send(c.data, c.plainTarget);
        int received = 0;
        while (received < SEGMENTS) {
            received += c.plainReceiver.receiveBatch(c.batch, c.buffers, SEGMENTS - received);
        }
        return received;
    }

    @Benchmark
    public long nio(NioUdpPair n, NioBuffers b) throws IOException {
        for (int i = 0; i < SEGMENTS; i++) {
            n.sender.send(b.out.clear(), n.target);
        }
        long bytes = 0;
        for (int i = 0; i < SEGMENTS; i++) {
            n.receiver.receive(b.in.clear());
            bytes += b.in.position();
        }
        return bytes;
    }
}
