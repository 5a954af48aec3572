package dev.conduit.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The java.nio twin of {@link ConduitPair}: 127.0.0.1, {@code TCP_NODELAY} on both ends, blocking. */
@State(Scope.Thread)
public class NioPair {
    private ServerSocketChannel listener;
    public SocketChannel client;
    public SocketChannel server;

    @Setup(Level.Trial)
    public void open() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        client = SocketChannel.open(listener.getLocalAddress());
        server = listener.accept();
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        server.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        try (var _ = listener; var _ = client; var _ = server) {
            // closes all three
        }
    }
}
