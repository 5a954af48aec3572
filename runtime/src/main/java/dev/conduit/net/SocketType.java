package dev.conduit.net;

import dev.conduit.net.sys.Posix;
import java.util.function.ToIntFunction;

/** The communication semantics of a socket, the {@code type} argument of {@code socket(2)}. */
public enum SocketType {

    /** {@code SOCK_STREAM}: a reliable, ordered byte stream (TCP for {@link SocketFamily#INET}). All platforms. */
    STREAM(Posix::sockStream),

    /** {@code SOCK_DGRAM}: separate datagrams, unreliable (UDP for {@link SocketFamily#INET}). All platforms. */
    DATAGRAM(Posix::sockDgram);

    private final ToIntFunction<Posix> constant;

    SocketType(ToIntFunction<Posix> constant) {
        this.constant = constant;
    }

    /** This platform's value of the C constant. */
    int value(Posix posix) {
        return constant.applyAsInt(posix);
    }
}
