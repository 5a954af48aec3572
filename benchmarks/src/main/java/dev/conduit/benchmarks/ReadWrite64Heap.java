package dev.conduit.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ReadWrite64} from and into byte arrays: Conduit's {@code write(byte[], off, len)} and
 * {@code read(byte[], off, len)}; NIO with heap buffers over arrays (made once), which copy through
 * its per-thread cache of temporary direct buffers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadWrite64Heap {
    static final int SIZE = ReadWrite64.SIZE;

    @State(Scope.Thread)
    public static class Arrays64 {
        byte[] out = new byte[SIZE];
        byte[] in = new byte[SIZE];
        ByteBuffer outBuffer = ByteBuffer.wrap(out);
        ByteBuffer inBuffer = ByteBuffer.wrap(in);

        {
            Arrays.fill(out, (byte) 'x');
        }
    }

    @Benchmark
    public int conduit(ConduitPair pair, Arrays64 a) throws IOException {
        int written = pair.client.write(a.out, 0, SIZE);
        if (written != SIZE) {
            throw new IOException("short write: " + written);
        }
        int total = 0;
        while (total < SIZE) {
            int n = pair.server.read(a.in, total, SIZE - total);
            if (n < 0) {
                throw new EOFException();
            }
            total += n;
        }
        return total;
    }

    @Benchmark
    public int nio(NioPair pair, Arrays64 a) throws IOException {
        a.outBuffer.clear();
        int written = pair.client.write(a.outBuffer);
        if (written != SIZE) {
            throw new IOException("short write: " + written);
        }
        a.inBuffer.clear();
        while (a.inBuffer.hasRemaining()) {
            if (pair.server.read(a.inBuffer) < 0) {
                throw new EOFException();
            }
        }
        return a.inBuffer.position();
    }
}
