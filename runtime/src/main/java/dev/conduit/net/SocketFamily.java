package dev.conduit.net;

/** The address family of a socket, the {@code domain} argument of {@code socket(2)}. */
public enum SocketFamily {

    /** {@code AF_INET}: IPv4. All platforms. */
    INET,

    /**
     * {@code AF_INET6}: IPv6, and IPv4 through IPv4-mapped addresses unless {@code IPV6_V6ONLY} is set
     * (Conduit clears it on every new IPv6 socket). All platforms.
     */
    INET6,

    /**
     * {@code AF_UNIX}: local sockets, named by a path ({@link java.net.UnixDomainSocketAddress}) or,
     * on Linux, by an abstract name ({@link AbstractUnixAddress}). All platforms.
     */
    UNIX
}
