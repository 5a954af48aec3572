package dev.conduit.net;

import dev.conduit.net.sys.Quoted;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * A connected TCP stream, as {@link java.nio.channels.SocketChannel} is; reads and writes as for
 * every {@link StreamConnection}. All platforms.
 */
public final class TcpStream extends StreamConnection {

    TcpStream(NativeSocket socket) {
        super(socket);
    }

    /**
     * Connects to {@code host} (a name, or an IPv4 or IPv6 literal) on {@code port}. A name's
     * addresses are tried as RFC 8305 (Happy Eyeballs v2) asks: families interleaved in the
     * resolver's order, a new attempt every 250 ms or as soon as one fails, the first connection
     * kept and the others closed. Works on platform and virtual threads alike.
     *
     * @throws java.net.UnknownHostException when {@code host} does not resolve, naming the reason
     * @throws ConnectException when every address failed; it lists each address with its failure,
     *     and carries each failure as a suppressed exception
     */
    public static TcpStream connect(String host, int port) throws IOException {
        Ports.check(port);
        List<InetAddress> addresses = Hosts.resolve(Sys.sockets(), host);
        if (addresses.size() == 1) {
            return connect(new InetSocketAddress(addresses.getFirst(), port));
        }
        return HappyEyeballs.connect(host, addresses, port, HappyEyeballs.STAGGER);
    }

    /** Connects to {@code remote}: {@code socket(2)} of its family, {@code connect(2)}. */
    public static TcpStream connect(InetSocketAddress remote) throws IOException {
        Objects.requireNonNull(remote, "remote");
        if (remote.isUnresolved()) {
            throw new java.net.UnknownHostException("unresolved address " + Quoted.of(remote.getHostString()));
        }
        SocketFamily family = remote.getAddress() instanceof Inet6Address ? SocketFamily.INET6 : SocketFamily.INET;
        NativeSocket socket = NativeSocket.open(family, SocketType.STREAM);
        try {
            socket.connect(remote);
            return new TcpStream(socket);
        } catch (IOException | RuntimeException failure) {
            socket.closeAfter(failure);
            throw failure;
        }
    }

    /** {@code getsockname(2)}. */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) socket.localAddress();
    }

    /** {@code getpeername(2)}; an IPv4 client of an IPv6 listener is reported as IPv4. */
    public InetSocketAddress remoteAddress() throws IOException {
        return (InetSocketAddress) socket.remoteAddress();
    }
}
