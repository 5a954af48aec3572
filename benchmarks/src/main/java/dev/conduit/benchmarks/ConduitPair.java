package dev.conduit.benchmarks;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.TcpListener;
import dev.conduit.net.TcpStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A connected loopback TCP pair made with Conduit (127.0.0.1, {@code TCP_NODELAY} on both ends,
 * blocking): {@link #client} and {@link #server} are their {@link NativeSocket}s.
 */
@State(Scope.Thread)
public class ConduitPair {
    private TcpListener listener;
    private TcpStream clientStream;
    private TcpStream serverStream;
    public NativeSocket client;
    public NativeSocket server;

    @Setup(Level.Trial)
    public void open() throws IOException {
        listener = TcpListener.bind("127.0.0.1", 0);
        clientStream = TcpStream.connect("127.0.0.1", listener.localAddress().getPort());
        serverStream = listener.accept();
        clientStream.setOption(StandardSocketOptions.TCP_NODELAY, true);
        serverStream.setOption(StandardSocketOptions.TCP_NODELAY, true);
        client = clientStream.socket();
        server = serverStream.socket();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        try (var _ = listener; var _ = clientStream; var _ = serverStream) {
            // closes all three
        }
    }
}
