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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code size} bytes written on one end of a loopback TCP pair and received on the other, on the
 * same thread, into the caller's memory: Conduit straight into a native segment
 * ({@code conduitNative}) or through its per-socket native scratch into a {@code byte[]}
 * ({@code conduitHeap}); NIO into a direct buffer ({@code nioDirect}) or a heap buffer, through its
 * per-thread temporary direct buffer ({@code nioHeap}). The writes are from native/direct memory
 * in all four, so the difference is the receive.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReceiveInto {

    @State(Scope.Thread)
    public static class Memory {
        @Param({"64", "16384"})
        int size;
        private Arena arena;
        MemorySegment out;
        MemorySegment in;
        byte[] array;
        ByteBuffer outDirect;
        ByteBuffer inDirect;
        ByteBuffer inHeap;

        @Setup(Level.Trial)
        public void allocate() {
            arena = Arena.ofConfined();
            out = arena.allocate(size).fill((byte) 'x');
            in = arena.allocate(size);
            array = new byte[size];
            outDirect = ByteBuffer.allocateDirect(size);
            inDirect = ByteBuffer.allocateDirect(size);
            inHeap = ByteBuffer.wrap(new byte[size]);
        }

        @TearDown(Level.Trial)
        public void free() {
            arena.close();
        }
    }

    @Benchmark
    public long conduitNative(ConduitPair pair, Memory m) throws IOException {
        send(pair, m);
        long total = 0;
        while (total < m.size) {
            long n = pair.server.read(total == 0 ? m.in : m.in.asSlice(total));
            if (n < 0) {
                throw new EOFException();
            }
            total += n;
        }
        return total;
    }

    @Benchmark
    public long conduitHeap(ConduitPair pair, Memory m) throws IOException {
        send(pair, m);
        int total = 0;
        while (total < m.size) {
            int n = pair.server.read(m.array, total, m.size - total);
            if (n < 0) {
                throw new EOFException();
            }
            total += n;
        }
        return total;
    }

    private static void send(ConduitPair pair, Memory m) throws IOException {
        long written = 0;
        while (written < m.size) {
            written += pair.client.write(written == 0 ? m.out : m.out.asSlice(written));
        }
    }

    @Benchmark
    public long nioDirect(NioPair pair, Memory m) throws IOException {
        return nioReceive(pair, m, m.inDirect);
    }

    @Benchmark
    public long nioHeap(NioPair pair, Memory m) throws IOException {
        return nioReceive(pair, m, m.inHeap);
    }

    private static long nioReceive(NioPair pair, Memory m, ByteBuffer in) throws IOException {
        m.outDirect.clear();
        while (m.outDirect.hasRemaining()) {
            pair.client.write(m.outDirect);
        }
        in.clear();
        while (in.hasRemaining()) {
            if (pair.server.read(in) < 0) {
                throw new EOFException();
            }
        }
        return in.position();
    }
}
