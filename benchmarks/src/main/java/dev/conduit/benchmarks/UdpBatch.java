package dev.conduit.benchmarks;

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
 * 32 datagrams of 64 bytes sent over loopback UDP (127.0.0.1) and received, on one thread, blocking
 * (loopback queues each at the receiver before the send returns): Conduit with one
 * {@code sendmmsg} and one {@code recvmmsg} through a reused {@link DatagramBatch}
 * ({@code conduitBatch}); Conduit with one {@code sendto} and one {@code recvmsg} per datagram
 * ({@code conduitLoop}); NIO with {@code DatagramChannel.send} and {@code receive} per datagram on
 * direct buffers ({@code nio}, whose {@code receive} makes the sender's address each time). Linux only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UdpBatch {
    static final int DATAGRAMS = 32;
    static final int SIZE = 64;

    @State(Scope.Thread)
    public static class Conduit {
        private Arena arena;
        UdpSocket sender;
        UdpSocket receiver;
        DatagramBatch sendBatch = DatagramBatch.allocate(DATAGRAMS);
        DatagramBatch receiveBatch = DatagramBatch.allocate(DATAGRAMS);
        MemorySegment[] out = new MemorySegment[DATAGRAMS];
        MemorySegment[] in = new MemorySegment[DATAGRAMS];
        SocketAddress[] targets = new SocketAddress[DATAGRAMS];

        @Setup(Level.Trial)
        public void open() throws IOException {
            arena = Arena.ofConfined();
            sender = UdpSocket.bind("127.0.0.1", 0);
            receiver = UdpSocket.bind("127.0.0.1", 0);
            for (int i = 0; i < DATAGRAMS; i++) {
                out[i] = arena.allocate(SIZE).fill((byte) i);
                in[i] = arena.allocate(SIZE);
                targets[i] = receiver.localAddress();
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            try (var _ = sender; var _ = receiver) {
                arena.close();
            }
        }
    }

    /** Direct buffers for the NIO side. */
    @State(Scope.Thread)
    public static class NioBuffers {
        ByteBuffer out = ByteBuffer.allocateDirect(SIZE);
        ByteBuffer in = ByteBuffer.allocateDirect(SIZE);
    }

    @Benchmark
    public long conduitBatch(Conduit c) throws IOException {
        int sent = c.sender.sendBatch(c.sendBatch, c.out, c.targets, DATAGRAMS);
        if (sent != DATAGRAMS) {
            throw new IOException("sent " + sent);
        }
        int received = 0;
        while (received < DATAGRAMS) {
            received += c.receiver.receiveBatch(c.receiveBatch, c.in, DATAGRAMS - received);
        }
        return received;
    }

    @Benchmark
    public long conduitLoop(Conduit c) throws IOException {
        for (int i = 0; i < DATAGRAMS; i++) {
            c.sender.send(c.out[i], c.targets[i]);
        }
        long bytes = 0;
        for (int i = 0; i < DATAGRAMS; i++) {
            bytes += c.receiver.receive(c.in[i]).length();
        }
        return bytes;
    }

    @Benchmark
    public long nio(NioUdpPair n, NioBuffers b) throws IOException {
        for (int i = 0; i < DATAGRAMS; i++) {
            n.sender.send(b.out.clear(), n.target);
        }
        long bytes = 0;
        for (int i = 0; i < DATAGRAMS; i++) {
            n.receiver.receive(b.in.clear());
            bytes += b.in.position();
        }
        return bytes;
    }
}
