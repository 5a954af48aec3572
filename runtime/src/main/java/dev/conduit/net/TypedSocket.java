package dev.conduit.net;

import java.io.IOException;
import java.net.SocketOption;

/**
 * What every typed socket ({@link TcpListener}, {@link TcpStream}, {@link UdpSocket},
 * {@link UnixListener}, {@link UnixStream}, {@link UnixDatagram}) has: its options, the
 * {@link NativeSocket} underneath, and close.
 */
public abstract sealed class TypedSocket implements AutoCloseable
        permits TcpListener, StreamConnection, UdpSocket, UnixListener, UnixDatagram {

    final NativeSocket socket;

    TypedSocket(NativeSocket socket) {
        this.socket = socket;
    }

    /** Sets an option; see {@link NativeSocket#setOption} for the options and platforms. */
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        socket.setOption(option, value);
    }

    /** Reads an option; see {@link NativeSocket#setOption}. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return socket.getOption(option);
    }

    /** The socket underneath, for calls this type does not offer. */
    public NativeSocket socket() {
        return socket;
    }

    /** Closes: see {@link NativeSocket#close()}; wakes calls blocked on it. Idempotent. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + socket + "]";
    }
}
