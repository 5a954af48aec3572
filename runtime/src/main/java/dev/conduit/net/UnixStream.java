package dev.conduit.net;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * A connected Unix-domain stream socket, as a {@link java.nio.channels.SocketChannel} of the UNIX
 * family is; reads and writes as for every {@link StreamConnection}. Adds what only local sockets
 * have: the peer's credentials, checked by the kernel, and passing open descriptors (files,
 * sockets, pipes) to the peer. All platforms.
 */
public final class UnixStream extends StreamConnection {

    UnixStream(NativeSocket socket) {
        super(socket);
    }

    /**
     * Connects to a listening Unix socket at {@code remote}, a {@link java.net.UnixDomainSocketAddress}
     * or (on Linux) an {@link AbstractUnixAddress}: {@code socket(AF_UNIX, SOCK_STREAM)},
     * {@code connect(2)}.
     *
     * @throws IllegalArgumentException for a path longer than the platform allows, naming the limit
     * @throws java.net.ConnectException when nothing listens there
     */
    public static UnixStream connect(SocketAddress remote) throws IOException {
        Objects.requireNonNull(remote, "remote");
        NativeSocket socket = NativeSocket.open(SocketFamily.UNIX, SocketType.STREAM);
        try {
            socket.connect(remote);
            return new UnixStream(socket);
        } catch (IOException | RuntimeException failure) {
            socket.closeAfter(failure);
            throw failure;
        }
    }

    /** Two streams connected to each other, unnamed: {@code socketpair(AF_UNIX, SOCK_STREAM)}. */
    public static UnixStream[] pair() throws IOException {
        NativeSocket[] ends = NativeSocket.pair(SocketFamily.UNIX, SocketType.STREAM);
        return new UnixStream[] {new UnixStream(ends[0]), new UnixStream(ends[1])};
    }

    /** The peer process's credentials at the time it connected: see {@link PeerCredentials}. */
    public PeerCredentials peerCredentials() throws IOException {
        return socket.peerCredentials();
    }

    /**
     * Sends {@code data} (at least one byte) with copies of the descriptors {@code fds}
     * ({@code sendmsg(2)} with {@code SCM_RIGHTS}), as one unit with respect to other writers. The
     * caller keeps its own descriptors open.
     *
     * @return the bytes of {@code data} sent, the descriptors going with the first of them
     * @throws IllegalArgumentException when {@code data} is empty, or {@code fds} is empty or has a
     *     negative number
     */
    public long send(MemorySegment data, int... fds) throws IOException {
        return whileWriting(() -> socket.sendWithDescriptors(data, fds));
    }

    /**
     * Receives bytes into {@code destination} and up to {@code maxDescriptors} descriptors the peer
     * sent with them ({@code recvmsg(2)}, {@code SCM_RIGHTS}); each received descriptor is
     * close-on-exec and is the caller's to close. If the peer sent more descriptors than that, every
     * one that arrived is closed and {@link TruncatedControlDataException} is thrown: none leaks.
     */
    public ReceivedMessage receive(MemorySegment destination, int maxDescriptors) throws IOException {
        return whileReading(() -> socket.receiveWithDescriptors(destination, maxDescriptors));
    }

    /** {@code getsockname(2)}: a path, an abstract name, or an empty path for an unnamed socket. */
    public SocketAddress localAddress() throws IOException {
        return socket.localAddress();
    }

    /** {@code getpeername(2)}: the listener's path or name, or an empty path for a pair's end. */
    public SocketAddress remoteAddress() throws IOException {
        return socket.remoteAddress();
    }
}
