package dev.conduit.net;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Unix-domain stream socket listening at a path or (on Linux) an abstract name, made bound and
 * listening in one step. Closing it does not remove the path: the file stays until deleted, and a
 * later bind to it fails with {@code EADDRINUSE} until then (as for java.nio). All platforms.
 */
public final class UnixListener extends TypedSocket {

    private UnixListener(NativeSocket socket) {
        super(socket);
    }

    /** Listens at {@code path}: see {@link #bind(SocketAddress)}. */
    public static UnixListener bind(Path path) throws IOException {
        return bind(UnixDomainSocketAddress.of(Objects.requireNonNull(path, "path")));
    }

    /**
     * Listens at {@code local}, a {@link UnixDomainSocketAddress} or an {@link AbstractUnixAddress}:
     * {@code socket(AF_UNIX, SOCK_STREAM)}, {@code bind(2)}, {@code listen(2)} with {@code SOMAXCONN}.
     *
     * @throws IllegalArgumentException for a path with NUL or longer than the platform allows (104
     *     bytes with its NUL on macOS, 108 on Linux), naming the limit
     * @throws UnsupportedOperationException for an abstract name off Linux
     * @throws java.net.BindException when the path exists already
     */
    public static UnixListener bind(SocketAddress local) throws IOException {
        Objects.requireNonNull(local, "local");
        NativeSocket socket = NativeSocket.open(SocketFamily.UNIX, SocketType.STREAM);
        try {
            socket.bind(local);
            socket.listen();
            return new UnixListener(socket);
        } catch (IOException | RuntimeException failure) {
            socket.closeAfter(failure);
            throw failure;
        }
    }

    /** Waits for and returns the next connection: {@code accept(2)} ({@code accept4} on Linux). */
    public UnixStream accept() throws IOException {
        NativeSocket accepted = socket.accept();
        return accepted == null ? null : new UnixStream(accepted); // null: non-blocking, none waiting
    }

    /** Where it listens: {@code getsockname(2)}. */
    public SocketAddress localAddress() throws IOException {
        return socket.localAddress();
    }
}
