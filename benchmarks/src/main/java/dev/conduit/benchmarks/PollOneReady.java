package dev.conduit.benchmarks;

import dev.conduit.net.Poller;
import dev.conduit.net.PollerKey;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One turn of an event loop that finds one key ready: a non-blocking socket registered for reading,
 * level-triggered, with one byte waiting that is never read, so it stays readable. Conduit:
 * {@code Poller.poll(Duration.ZERO)} and a walk by index; NIO: {@code Selector.selectNow()}, a walk
 * of {@code selectedKeys()}, then {@code clear()}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PollOneReady {

    @State(Scope.Thread)
    public static class ConduitLoop {
        Poller poller;

        @Setup(Level.Trial)
        public void open(ConduitPair pair) throws IOException {
            pair.server.setBlocking(false);
            poller = Poller.open();
            poller.register(pair.server, Poller.READ, false, "peer");
            try (Arena arena = Arena.ofConfined()) {
                pair.client.write(arena.allocate(1));
            }
            if (poller.poll(Duration.ofSeconds(5)) != 1) {
                throw new IllegalStateException("the socket did not become readable");
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            poller.close();
        }
    }

    @State(Scope.Thread)
    public static class NioLoop {
        Selector selector;

        @Setup(Level.Trial)
        public void open(NioPair pair) throws IOException {
            pair.server.configureBlocking(false);
            selector = Selector.open();
            pair.server.register(selector, SelectionKey.OP_READ, "peer");
            pair.client.write(ByteBuffer.allocate(1));
            if (selector.select(5_000) != 1) {
                throw new IllegalStateException("the socket did not become readable");
            }
            selector.selectedKeys().clear();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            selector.close();
        }
    }

    @Benchmark
    public int conduit(ConduitLoop loop, Blackhole bh) throws IOException {
        Poller poller = loop.poller;
        int ready = poller.poll(Duration.ZERO);
        for (int i = 0; i < ready; i++) {
            PollerKey key = poller.readyKey(i);
            bh.consume(key.attachment());
            bh.consume(poller.readyOps(i));
        }
        return ready;
    }

    @Benchmark
    public int nio(NioLoop loop, Blackhole bh) throws IOException {
        Selector selector = loop.selector;
        int ready = selector.selectNow();
        Set<SelectionKey> keys = selector.selectedKeys();
        for (SelectionKey key : keys) {
            bh.consume(key.attachment());
            bh.consume(key.readyOps());
        }
        keys.clear();
        return ready;
    }
}
