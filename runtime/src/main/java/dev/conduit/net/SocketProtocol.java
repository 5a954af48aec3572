package dev.conduit.net;

/** The protocol of a socket, the {@code protocol} argument of {@code socket(2)}. */
public enum SocketProtocol {

    /** The family's and type's usual protocol: TCP for a stream, UDP for datagrams. All platforms. */
    DEFAULT,

    /** {@code IPPROTO_TCP}. All platforms. */
    TCP,

    /** {@code IPPROTO_UDP}. All platforms. */
    UDP
}
