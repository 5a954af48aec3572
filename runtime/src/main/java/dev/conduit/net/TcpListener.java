package dev.conduit.net;

import dev.conduit.net.sys.Quoted;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Objects;

/**
 * A TCP socket listening on one local address, as {@link java.nio.channels.ServerSocketChannel} is:
 * made bound and listening in one step, so it can never listen on an address it was not given.
 * {@code SO_REUSEADDR} is on (a restarted server can bind while old connections linger in
 * TIME_WAIT), as for {@link java.net.ServerSocket}. An IPv6 listener on {@code ::} also accepts IPv4
 * clients, whose addresses it reports as IPv4. All platforms. Thread-safe: {@link #accept()} may be
 * called from several threads, {@link #close()} from any.
 */
public final class TcpListener extends TypedSocket {

    private TcpListener(NativeSocket socket) {
        super(socket);
    }

    /**
     * Listens on {@code host} (a name, an IPv4 or IPv6 literal; the first address a name resolves to)
     * and {@code port} (0: an ephemeral port, see {@link #localAddress()}), with the platform's
     * largest backlog.
     *
     * @throws java.net.UnknownHostException when {@code host} does not resolve, naming the reason
     * @throws IllegalArgumentException when {@code port} is outside 0..65535
     * @throws java.net.BindException when the address is in use or not local
     */
    public static TcpListener bind(String host, int port) throws IOException {
        Ports.check(port);
        InetAddress address = Hosts.resolve(Sys.sockets(), host).getFirst();
        return bind(new InetSocketAddress(address, port));
    }

    /** Listens on {@code local} with the platform's largest backlog ({@code SOMAXCONN}). */
    public static TcpListener bind(InetSocketAddress local) throws IOException {
        return bind(local, -1);
    }

    /**
     * Listens on {@code local} with up to {@code backlog} connections waiting to be accepted (the
     * kernel caps it; negative: the platform's {@code SOMAXCONN}):
     * {@code socket(2)}, {@code setsockopt(SO_REUSEADDR)}, {@code bind(2)}, {@code listen(2)}.
     */
    public static TcpListener bind(InetSocketAddress local, int backlog) throws IOException {
        Objects.requireNonNull(local, "local");
        if (local.isUnresolved()) {
            throw new java.net.UnknownHostException("unresolved address " + Quoted.of(local.getHostString()));
        }
        SocketFamily family = local.getAddress() instanceof Inet6Address ? SocketFamily.INET6 : SocketFamily.INET;
        NativeSocket socket = NativeSocket.open(family, SocketType.STREAM);
        try {
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.bind(local);
            if (backlog < 0) {
                socket.listen();
            } else {
                socket.listen(backlog);
            }
            return new TcpListener(socket);
        } catch (IOException | RuntimeException failure) {
            socket.closeAfter(failure);
            throw failure;
        }
    }

    /**
     * Waits for and returns the next connection: {@code accept(2)} ({@code accept4} on Linux).
     * {@link #close()} from another thread wakes it on Linux only, for now.
     */
    public TcpStream accept() throws IOException {
        NativeSocket accepted = socket.accept();
        return accepted == null ? null : new TcpStream(accepted); // null: non-blocking, none waiting
    }

    /** The address listened on, with the real port after asking for port 0: {@code getsockname(2)}. */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) socket.localAddress();
    }
}
