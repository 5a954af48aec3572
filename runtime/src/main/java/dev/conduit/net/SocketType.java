package dev.conduit.net;

/** The communication semantics of a socket, the {@code type} argument of {@code socket(2)}. */
public enum SocketType {

    /** {@code SOCK_STREAM}: a reliable, ordered byte stream (TCP for the IP families). All platforms. */
    STREAM,

    /** {@code SOCK_DGRAM}: separate datagrams, unreliable (UDP for the IP families). All platforms. */
    DATAGRAM,

    /** {@code SOCK_SEQPACKET}: datagrams over a connection, in order. Unix sockets on Linux. */
    SEQPACKET
}
