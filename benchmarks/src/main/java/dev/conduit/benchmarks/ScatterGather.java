package dev.conduit.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
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
 * Four 64-byte pieces written with one gathering call ({@code writev}) on one end of a loopback TCP
 * pair and read back with one scattering call ({@code readv}) on the other, on the same thread:
 * Conduit's {@code write/read(MemorySegment[])} on native segments ({@code conduit}), the same
 * through its {@link dev.conduit.net.StreamChannel} on direct buffers ({@code conduitChannel}), and
 * NIO's {@code SocketChannel.write/read(ByteBuffer[])} on direct buffers ({@code nio}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScatterGather {
    static final int PIECES = 4;
    static final int PIECE = 64;
    static final int TOTAL = PIECES * PIECE;

    @State(Scope.Thread)
    public static class Segments {
        private Arena arena;
        MemorySegment[] out = new MemorySegment[PIECES];
        MemorySegment[] in = new MemorySegment[PIECES];

        @Setup(Level.Trial)
        public void allocate() {
            arena = Arena.ofConfined();
            for (int i = 0; i < PIECES; i++) {
                out[i] = arena.allocate(PIECE).fill((byte) ('a' + i));
                in[i] = arena.allocate(PIECE);
            }
        }

        @TearDown(Level.Trial)
        public void free() {
            arena.close();
        }
    }

    @State(Scope.Thread)
    public static class DirectBuffers {
        ByteBuffer[] out = new ByteBuffer[PIECES];
        ByteBuffer[] in = new ByteBuffer[PIECES];

        @Setup(Level.Trial)
        public void allocate() {
            for (int i = 0; i < PIECES; i++) {
                out[i] = ByteBuffer.allocateDirect(PIECE);
                in[i] = ByteBuffer.allocateDirect(PIECE);
            }
        }
    }

    @Benchmark
    public long conduit(ConduitPair pair, Segments s) throws IOException {
        long written = pair.client.write(s.out);
        if (written != TOTAL) {
            throw new IOException("short write: " + written); // a blocking writev of 256 bytes never is
        }
        long read = 0;
        while (read < TOTAL) { // loopback delivers the 256 bytes at once: one readv in practice
            long n = pair.server.read(s.in);
            if (n < 0) {
                throw new EOFException();
            }
            read += n;
        }
        return read;
    }

    @Benchmark
    public long conduitChannel(ConduitPair pair, DirectBuffers b) throws IOException {
        return gatherScatter(pair.clientChannel, pair.serverChannel, b);
    }

    @Benchmark
    public long nio(NioPair pair, DirectBuffers b) throws IOException {
        return gatherScatter(pair.client, pair.server, b);
    }

    private static <C extends GatheringByteChannel & ScatteringByteChannel> long gatherScatter(C client, C server,
            DirectBuffers b) throws IOException {
        for (int i = 0; i < PIECES; i++) {
            b.out[i].clear();
            b.in[i].clear();
        }
        long written = client.write(b.out);
        if (written != TOTAL) {
            throw new IOException("short write: " + written);
        }
        long read = 0;
        while (read < TOTAL) {
            long n = server.read(b.in);
            if (n < 0) {
                throw new EOFException();
            }
            read += n;
        }
        return read;
    }
}
