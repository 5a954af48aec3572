package dev.conduit.net;

import dev.conduit.net.sys.Posix;
import java.util.function.ToIntFunction;

/** The address family of a socket, the {@code domain} argument of {@code socket(2)}. */
public enum SocketFamily {

    /** {@code AF_INET}: IPv4. All platforms. */
    INET(Posix::afInet);

    private final ToIntFunction<Posix> constant;

    SocketFamily(ToIntFunction<Posix> constant) {
        this.constant = constant;
    }

    /** This platform's value of the C constant. */
    int value(Posix posix) {
        return constant.applyAsInt(posix);
    }
}
