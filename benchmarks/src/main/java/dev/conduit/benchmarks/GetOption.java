package dev.conduit.benchmarks;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** One {@code getsockopt(IPPROTO_TCP, TCP_NODELAY)} on a connected loopback socket. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GetOption {

    @Benchmark
    public Boolean conduit(ConduitPair pair) throws IOException {
        return pair.client.getOption(StandardSocketOptions.TCP_NODELAY);
    }

    @Benchmark
    public Boolean nio(NioPair pair) throws IOException {
        return pair.client.getOption(StandardSocketOptions.TCP_NODELAY);
    }
}
