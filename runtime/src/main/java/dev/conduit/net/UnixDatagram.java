package dev.conduit.net;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * A Unix-domain datagram socket: reliable and ordered on the same host, each datagram whole, with
 * its sender's path or name (an empty path for an unnamed sender, which cannot be answered). All
 * platforms.
 */
public final class UnixDatagram extends TypedSocket {

    private UnixDatagram(NativeSocket socket) {
        super(socket);
    }

    /** An unnamed socket: it can send, and receive what is sent to it through {@link #connect} peers. */
    public static UnixDatagram open() throws IOException {
        return new UnixDatagram(NativeSocket.open(SocketFamily.UNIX, SocketType.DATAGRAM));
    }

    /** Bound to {@code local}, a {@link java.net.UnixDomainSocketAddress} or an {@link AbstractUnixAddress}. */
    public static UnixDatagram bind(SocketAddress local) throws IOException {
        Objects.requireNonNull(local, "local");
        NativeSocket socket = NativeSocket.open(SocketFamily.UNIX, SocketType.DATAGRAM);
        try {
            socket.bind(local);
            return new UnixDatagram(socket);
        } catch (IOException | RuntimeException failure) {
            socket.closeAfter(failure);
            throw failure;
        }
    }

    /** Two datagram sockets connected to each other: {@code socketpair(AF_UNIX, SOCK_DGRAM)}. */
    public static UnixDatagram[] pair() throws IOException {
        NativeSocket[] ends = NativeSocket.pair(SocketFamily.UNIX, SocketType.DATAGRAM);
        return new UnixDatagram[] {new UnixDatagram(ends[0]), new UnixDatagram(ends[1])};
    }

    /** Sends to and receives from {@code remote} only: {@code connect(2)}. */
    public void connect(SocketAddress remote) throws IOException {
        socket.connect(remote);
    }

    /** Sends {@code data} as one datagram to {@code target}: {@code sendto(2)}. */
    public long send(MemorySegment data, SocketAddress target) throws IOException {
        return socket.sendTo(data, target);
    }

    /** Sends {@code data} as one datagram to the connected peer: {@code send(2)}. */
    public long send(MemorySegment data) throws IOException {
        return socket.write(data);
    }

    /** Receives one datagram, with its sender; a datagram longer than {@code destination} is cut, and says so. */
    public ReceivedDatagram receive(MemorySegment destination) throws IOException {
        return socket.receiveFrom(destination);
    }

    /** {@code getsockname(2)}. */
    public SocketAddress localAddress() throws IOException {
        return socket.localAddress();
    }
}
