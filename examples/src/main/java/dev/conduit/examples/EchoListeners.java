package dev.conduit.examples;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.SocketFamily;
import dev.conduit.net.SocketType;
import dev.conduit.net.TcpListener;
import dev.conduit.net.UdpSocket;
import java.io.IOException;
import java.io.Serial;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The echo server's IP sockets: one {@link TcpListener} (or with {@code --udp} one {@link UdpSocket})
 * per address, all on one port.
 *
 * <p>With a host, its every address: the first through Conduit's own resolver
 * ({@link TcpListener#bind(String, int)}, {@link UdpSocket#bind(String, int)}: strict literals,
 * errors that name the host), the others
 * from {@link InetAddress#getAllByName}, since a socket binds one address. Without a host, the
 * loopback address of each family the kernel has, 127.0.0.1 and ::1, whatever {@code /etc/hosts}
 * makes of {@code localhost}: a family whose loopback cannot be bound even on an ephemeral port is
 * skipped with a note. Port 0 asks the kernel for a port on the first address and reuses it for the
 * others; when that port is taken on another address, all start over on a new one.
 */
final class EchoListeners {

    /** Fresh ephemeral ports to try when the first one is taken on a later address. */
    static final int PORT_ATTEMPTS = 10;

    static final List<InetAddress> LOOPBACKS = List.of(
            address(new byte[] {127, 0, 0, 1}), address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));

    private EchoListeners() {
    }

    /** How sockets of one kind are made; tests substitute failures. */
    interface Binder<S extends AutoCloseable> {
        S bind(InetSocketAddress local) throws IOException;

        S bind(String host, int port) throws IOException;

        List<InetAddress> addresses(String host) throws UnknownHostException;

        InetSocketAddress localAddress(S socket) throws IOException;
    }

    /** TCP listeners. */
    static final Binder<TcpListener> TCP = new SystemBinder<>() {
        @Override
        public TcpListener bind(InetSocketAddress local) throws IOException {
            return TcpListener.bind(local);
        }

        @Override
        public TcpListener bind(String host, int port) throws IOException {
            return TcpListener.bind(host, port);
        }

        @Override
        public InetSocketAddress localAddress(TcpListener listener) throws IOException {
            return listener.localAddress();
        }
    };

    /**
     * TCP listeners that share their port with the other loops' ({@code --mode loop --threads N}):
     * {@code SO_REUSEPORT}, which Linux balances over them. Every socket on a port must set it, so a
     * second such server of the same user would silently share the port; a plain listener
     * ({@link TcpListener}, as threads mode binds) is bound first and closed again, so a port that
     * anything holds fails as it does in the other modes, with the same messages (and the host
     * resolved the same strict way); it also picks port 0's port. Between that check and the bind
     * another process could take the port: its bind or ours then fails.
     */
    static final Binder<NativeSocket> SHARED_TCP = new SystemBinder<>() {
        @Override
        public NativeSocket bind(InetSocketAddress local) throws IOException {
            InetSocketAddress free;
            try (TcpListener probe = TcpListener.bind(local)) {
                free = probe.localAddress();
            }
            return bindShared(free);
        }

        @Override
        public NativeSocket bind(String host, int port) throws IOException {
            InetSocketAddress free;
            try (TcpListener probe = TcpListener.bind(host, port)) {
                free = probe.localAddress();
            }
            return bindShared(free);
        }

        @Override
        public InetSocketAddress localAddress(NativeSocket socket) throws IOException {
            return (InetSocketAddress) socket.localAddress();
        }
    };

    /**
     * A listener on {@code local} with {@code SO_REUSEADDR} and {@code SO_REUSEPORT}, the platform's
     * largest backlog, as {@link TcpListener#bind(InetSocketAddress)} but for the option it cannot
     * set before binding.
     */
    static NativeSocket bindShared(InetSocketAddress local) throws IOException {
        NativeSocket socket = NativeSocket.open(local.getAddress() instanceof Inet6Address ? SocketFamily.INET6
                : SocketFamily.INET, SocketType.STREAM);
        try {
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            socket.bind(local);
            socket.listen();
            return socket;
        } catch (IOException | RuntimeException failure) {
            try {
                socket.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
    }

    /** UDP sockets: no {@code SO_REUSEADDR}, so a port another UDP socket holds is an error too. */
    static final Binder<UdpSocket> UDP = new SystemBinder<>() {
        @Override
        public UdpSocket bind(InetSocketAddress local) throws IOException {
            return UdpSocket.bind(local);
        }

        @Override
        public UdpSocket bind(String host, int port) throws IOException {
            return UdpSocket.bind(host, port);
        }

        @Override
        public InetSocketAddress localAddress(UdpSocket socket) throws IOException {
            return socket.localAddress();
        }
    };

    private abstract static class SystemBinder<S extends AutoCloseable> implements Binder<S> {
        @Override
        public List<InetAddress> addresses(String host) throws UnknownHostException {
            return Arrays.asList(InetAddress.getAllByName(host));
        }
    }

    /**
     * Sockets, in the order their lines print, their addresses (with the real port), and notes for
     * stderr about families left out.
     */
    record Bound<S extends AutoCloseable>(List<S> sockets, List<InetSocketAddress> addresses, List<String> notes) {
    }

    /** Why the server cannot start, in one line. */
    static final class StartupException extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The port 0 picked on the first address is taken on a later one: start over. */
    private static final class PortTaken extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        PortTaken() {
            super(null, null, false, false);
        }
    }

    static <S extends AutoCloseable> Bound<S> open(Optional<String> host, int port, Binder<S> binder)
            throws StartupException {
        for (int attempt = 1; ; attempt++) {
            List<S> listeners = new ArrayList<>();
            try {
                return open(host, port, binder, listeners, attempt < PORT_ATTEMPTS);
            } catch (PortTaken retry) {
                closeAll(listeners);
            } catch (StartupException | RuntimeException | Error failure) {
                closeAll(listeners);
                throw failure;
            }
        }
    }

    private static <S extends AutoCloseable> Bound<S> open(Optional<String> host, int port, Binder<S> binder,
            List<S> listeners, boolean mayRetry) throws StartupException, PortTaken {
        List<String> notes = new ArrayList<>();
        List<InetSocketAddress> bound = new ArrayList<>();
        int actualPort = port;
        List<InetAddress> addresses;
        if (host.isPresent()) {
            String name = host.get();
            S first;
            try {
                first = binder.bind(name, port);
            } catch (UnknownHostException e) {
                throw new StartupException("cannot resolve the host: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new StartupException("cannot listen on " + name + " port " + port + ": " + e.getMessage(), e);
            }
            listeners.add(first);
            InetSocketAddress firstAddress = localAddress(binder, first);
            bound.add(firstAddress);
            actualPort = firstAddress.getPort();
            addresses = new ArrayList<>(otherAddresses(binder, name));
            addresses.remove(firstAddress.getAddress());
        } else {
            addresses = LOOPBACKS;
        }
        for (InetAddress address : addresses) {
            InetSocketAddress local = new InetSocketAddress(address, actualPort);
            S listener;
            try {
                listener = binder.bind(local);
            } catch (IOException e) {
                boolean addressWorks = canBind(binder, address);
                if (addressWorks && port == 0 && !listeners.isEmpty() && mayRetry) {
                    throw new PortTaken();
                }
                if (!addressWorks && host.isEmpty()) {
                    notes.add("note: no " + family(address) + " loopback: cannot listen on " + format(local) + " ("
                            + e.getMessage() + "); serving " + (address instanceof Inet6Address ? "IPv4" : "IPv6") + " only");
                    continue;
                }
                throw new StartupException("cannot listen on " + format(local) + ": " + e.getMessage(), e);
            }
            listeners.add(listener);
            InetSocketAddress actual = localAddress(binder, listener);
            bound.add(actual);
            actualPort = actual.getPort();
        }
        if (listeners.isEmpty()) {
            throw new StartupException("cannot listen on any loopback address: " + String.join("; ", notes), null);
        }
        return new Bound<>(List.copyOf(listeners), List.copyOf(bound), List.copyOf(notes));
    }

    /** Every address of a name that Conduit resolved already; none more if the JDK disagrees. */
    private static List<InetAddress> otherAddresses(Binder<?> binder, String host) {
        try {
            return binder.addresses(host);
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** Whether {@code address} can be bound at all, on an ephemeral port: is it this machine's? */
    private static <S extends AutoCloseable> boolean canBind(Binder<S> binder, InetAddress address) {
        S probe;
        try {
            probe = binder.bind(new InetSocketAddress(address, 0));
        } catch (IOException e) {
            return false;
        }
        closeAll(List.of(probe));
        return true;
    }

    static void closeAll(List<? extends AutoCloseable> sockets) {
        for (AutoCloseable socket : sockets) {
            try {
                socket.close();
            } catch (Exception ignored) {
                // the descriptor is released anyway
            }
        }
    }

    private static <S extends AutoCloseable> InetSocketAddress localAddress(Binder<S> binder, S socket) {
        try {
            return binder.localAddress(socket);
        } catch (IOException e) {
            throw new IllegalStateException("a bound socket has a local address", e);
        }
    }

    /** {@code 127.0.0.1:7007}, {@code [::1]:7007}: IPv6 compressed (RFC 5952) and bracketed. */
    static String format(InetSocketAddress address) {
        return format(address.getAddress()) + ":" + address.getPort();
    }

    static String format(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        byte[] bytes = v6.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        NetworkInterface scope = v6.getScopedInterface();
        if (scope != null) {
            text.append('%').append(scope.getName());
        } else if (v6.getScopeId() != 0) {
            text.append('%').append(v6.getScopeId());
        }
        return text.append(']').toString();
    }

    private static String family(InetAddress address) {
        return address instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
