package dev.conduit.net;

import dev.conduit.net.sys.Posix;
import java.util.function.ToIntFunction;

/** The protocol of a socket, the {@code protocol} argument of {@code socket(2)}. */
public enum SocketProtocol {

    /** The family's and type's usual protocol: TCP for a stream, UDP for datagrams. All platforms. */
    DEFAULT(posix -> 0), // 0 is socket(2)'s own "choose for me", not a platform constant

    /** {@code IPPROTO_TCP}. All platforms. */
    TCP(Posix::ipprotoTcp),

    /** {@code IPPROTO_UDP}. All platforms. */
    UDP(Posix::ipprotoUdp);

    private final ToIntFunction<Posix> constant;

    SocketProtocol(ToIntFunction<Posix> constant) {
        this.constant = constant;
    }

    /** This platform's value of the C constant. */
    int value(Posix posix) {
        return constant.applyAsInt(posix);
    }
}
