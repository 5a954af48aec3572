package dev.conduit.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * 64 bytes written on one end of a connected loopback TCP pair and read back on the other, on the
 * same thread, blocking: Conduit on native segments, NIO on direct buffers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadWrite64 {
    static final int SIZE = 64;

    @State(Scope.Thread)
    public static class Segments {
        private Arena arena;
        MemorySegment out;
        MemorySegment in;

        @Setup(Level.Trial)
        public void allocate() {
            arena = Arena.ofConfined();
            out = arena.allocate(SIZE);
            in = arena.allocate(SIZE);
            out.fill((byte) 'x');
        }

        @TearDown(Level.Trial)
        public void free() {
            arena.close();
        }
    }

    @State(Scope.Thread)
    public static class DirectBuffers {
        ByteBuffer out = ByteBuffer.allocateDirect(SIZE);
        ByteBuffer in = ByteBuffer.allocateDirect(SIZE);
    }

    @Benchmark
    public long conduit(ConduitPair pair, Segments s) throws IOException {
        long written = pair.client.write(s.out);
        if (written != SIZE) {
            throw new IOException("short write: " + written); // a blocking send of 64 bytes never is
        }
        long total = 0;
        while (total < SIZE) {
            long n = pair.server.read(total == 0 ? s.in : s.in.asSlice(total));
            if (n < 0) {
                throw new EOFException();
            }
            total += n;
        }
        return total;
    }

    @Benchmark
    public long nio(NioPair pair, DirectBuffers b) throws IOException {
        b.out.clear();
        int written = pair.client.write(b.out);
        if (written != SIZE) {
            throw new IOException("short write: " + written);
        }
        b.in.clear();
        while (b.in.hasRemaining()) {
            if (pair.server.read(b.in) < 0) {
                throw new EOFException();
            }
        }
        return b.in.position();
    }
}
