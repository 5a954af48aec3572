package dev.conduit.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Two unconnected java.nio datagram channels on 127.0.0.1, blocking: {@link #sender} sends to {@link #target}. */
@State(Scope.Thread)
public class NioUdpPair {
    public DatagramChannel sender;
    public DatagramChannel receiver;
    public SocketAddress target;

    @Setup(Level.Trial)
    public void open() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        sender = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        receiver = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        target = receiver.getLocalAddress();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        try (var _ = sender; var _ = receiver) {
            // closes both
        }
    }
}
