package dev.conduit.benchmarks;

import dev.conduit.net.TcpListener;
import dev.conduit.net.TcpStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
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
 * A 1 MiB file (in the page cache) sent whole over a loopback TCP connection, whose other end a
 * thread drains: Conduit's {@code transferFrom(Path, ..)} ({@code sendfile(2)}; it opens and closes
 * the file each time), NIO's {@code FileChannel.transferTo(SocketChannel)} on a channel opened once
 * (the JDK also uses {@code sendfile(2)} there), and, for what the kernel copy saves, NIO copying
 * through user memory ({@code FileChannel.read} into a 64 KiB direct buffer, then
 * {@code SocketChannel.write}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SendFile {
    static final int FILE_SIZE = 1024 * 1024;
    static final int SINK = 256 * 1024;

    /** The file, and a direct buffer for the copying baseline. */
    @State(Scope.Benchmark)
    public static class Content {
        Path file;
        FileChannel channel;
        ByteBuffer copy = ByteBuffer.allocateDirect(64 * 1024);

        @Setup(Level.Trial)
        public void write() throws IOException {
            byte[] bytes = new byte[FILE_SIZE];
            new Random(1).nextBytes(bytes);
            file = Files.write(Files.createTempFile("conduit-sendfile", ".bin"), bytes);
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            channel.close();
            Files.delete(file);
        }
    }

    /** A Conduit connection whose receiving end a platform thread reads and discards until it ends. */
    @State(Scope.Thread)
    public static class ConduitConnection {
        private TcpListener listener;
        private TcpStream receiver;
        TcpStream sender;
        private Thread drain;

        @Setup(Level.Trial)
        public void open() throws IOException {
            listener = TcpListener.bind("127.0.0.1", 0);
            sender = TcpStream.connect("127.0.0.1", listener.localAddress().getPort());
            receiver = listener.accept();
            MemorySegment sink = Arena.ofAuto().allocate(SINK);
            drain = drain(() -> receiver.read(sink));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException, InterruptedException {
            sender.close();
            drain.join(5000);
            receiver.close();
            listener.close();
        }
    }

    /** The NIO twin of {@link ConduitConnection}. */
    @State(Scope.Thread)
    public static class NioConnection {
        private ServerSocketChannel listener;
        private SocketChannel receiver;
        SocketChannel sender;
        private Thread drain;

        @Setup(Level.Trial)
        public void open() throws IOException {
            listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            sender = SocketChannel.open(listener.getLocalAddress());
            receiver = listener.accept();
            ByteBuffer sink = ByteBuffer.allocateDirect(SINK);
            drain = drain(() -> receiver.read(sink.clear()));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException, InterruptedException {
            sender.close();
            drain.join(5000);
            receiver.close();
            listener.close();
        }
    }

    /** One read of the receiving end: the bytes read, -1 at its end. */
    @FunctionalInterface
    interface Read {
        long next() throws IOException;
    }

    /** A platform thread that reads and discards until the stream ends (or the socket is closed). */
    static Thread drain(Read read) {
        return Thread.ofPlatform().daemon().start(() -> {
            try {
                while (read.next() >= 0) {
                    // discard
                }
            } catch (IOException closed) {
                // the trial is over
            }
        });
    }

    @Benchmark
    public long conduitSendfile(ConduitConnection c, Content f) throws IOException {
        long sent = c.sender.transferFrom(f.file, 0, FILE_SIZE);
        if (sent != FILE_SIZE) {
            throw new IOException("short transfer: " + sent);
        }
        return sent;
    }

    @Benchmark
    public long nioTransferTo(NioConnection c, Content f) throws IOException {
        long sent = 0;
        while (sent < FILE_SIZE) {
            sent += f.channel.transferTo(sent, FILE_SIZE - sent, c.sender);
        }
        return sent;
    }

    @Benchmark
    public long nioCopy(NioConnection c, Content f) throws IOException {
        long sent = 0;
        while (sent < FILE_SIZE) {
            f.copy.clear();
            int read = f.channel.read(f.copy, sent);
            f.copy.flip();
            while (f.copy.hasRemaining()) {
                sent += c.sender.write(f.copy);
            }
            if (read < 0) {
                throw new IOException("the file ended early");
            }
        }
        return sent;
    }
}
