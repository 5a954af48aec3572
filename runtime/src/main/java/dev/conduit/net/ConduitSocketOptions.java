package dev.conduit.net;

import java.net.SocketOption;
import java.time.Duration;

/**
 * Socket options that neither {@link java.net.StandardSocketOptions} nor
 * {@link jdk.net.ExtendedSocketOptions} define. Conduit's sockets take those two classes' options
 * too ({@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL} and {@code TCP_KEEPCOUNT} are the JDK's);
 * {@link NativeSocket#setOption} lists every option, its C name per platform and where it works.
 */
public final class ConduitSocketOptions {

    private ConduitSocketOptions() {
    }

    /**
     * Receive timeout, {@code SO_RCVTIMEO}: a blocking read that waits longer throws
     * {@link java.net.SocketTimeoutException}. {@link Duration#ZERO} waits forever. Microsecond
     * resolution; at most {@link Integer#MAX_VALUE} seconds. All platforms.
     */
    public static final SocketOption<Duration> SO_RCVTIMEO = new Option<>("SO_RCVTIMEO", Duration.class);

    /** Send timeout, {@code SO_SNDTIMEO}, as {@link #SO_RCVTIMEO} for writes. All platforms. */
    public static final SocketOption<Duration> SO_SNDTIMEO = new Option<>("SO_SNDTIMEO", Duration.class);

    /**
     * IPv6 sockets only: accept IPv6 only, {@code IPV6_V6ONLY}. Conduit turns it off on every new
     * IPv6 socket, so one socket bound to {@code ::} serves both families; set it before binding.
     * All platforms.
     */
    public static final SocketOption<Boolean> IPV6_V6ONLY = new Option<>("IPV6_V6ONLY", Boolean.class);

    /**
     * Hop limit of unicast packets, 1..255: {@code IP_TTL} on IPv4 sockets, {@code IPV6_UNICAST_HOPS}
     * on IPv6 sockets (which also report -1 as "the route's default"). All platforms.
     */
    public static final SocketOption<Integer> IP_TTL = new Option<>("IP_TTL", Integer.class);

    /**
     * TCP Fast Open, {@code TCP_FASTOPEN}, on a listener before {@code listen}: on Linux the length of
     * the queue of pending Fast Open connections (0 off), on macOS 0 (off) or 1 (on). Linux, macOS.
     */
    public static final SocketOption<Integer> TCP_FASTOPEN = new Option<>("TCP_FASTOPEN", Integer.class);

    /**
     * How long sent data may stay unacknowledged before the connection is dropped, in milliseconds (0:
     * the system default), {@code TCP_USER_TIMEOUT} (RFC 5482). Linux only: elsewhere
     * {@link UnsupportedOperationException} naming the platform.
     */
    public static final SocketOption<Integer> TCP_USER_TIMEOUT = new Option<>("TCP_USER_TIMEOUT", Integer.class);

    /**
     * Datagram sockets: report each datagram's destination address in
     * {@link ReceivedDatagram#destination()} ({@code IP_PKTINFO}, on macOS {@code IP_RECVPKTINFO};
     * IPv6 sockets {@code IPV6_RECVPKTINFO}), which a server on several addresses needs to answer
     * from the right one. All platforms.
     */
    public static final SocketOption<Boolean> IP_PKTINFO = new Option<>("IP_PKTINFO", Boolean.class);

    /**
     * Unsent-data low-water mark, {@code TCP_NOTSENT_LOWAT}, in bytes: the socket counts as writable
     * (to {@code poll}) only while less than this much written data is not yet sent. All platforms.
     */
    public static final SocketOption<Integer> TCP_NOTSENT_LOWAT = new Option<>("TCP_NOTSENT_LOWAT", Integer.class);

    /**
     * UDP generic segmentation offload, {@code UDP_SEGMENT}: each send of more than this many bytes
     * leaves as several datagrams of this size (the last may be shorter), cut by the kernel (or the
     * network card) after one pass down the stack; 0 (the default) is off. A send then carries at
     * most 64 segments and the IP length limit in all (the kernel refuses more with
     * {@code EINVAL} or {@code EMSGSIZE}). Datagram sockets, 0..65535 bytes. Linux only (java.nio
     * has no counterpart): elsewhere {@link UnsupportedOperationException} naming the platform.
     */
    public static final SocketOption<Integer> UDP_SEGMENT = new Option<>("UDP_SEGMENT", Integer.class);

    /**
     * UDP receive coalescing, {@code UDP_GRO}: the kernel may deliver several datagrams of one flow,
     * of one size, as one, and {@link DatagramBatch#segmentSize} tells that size: receive with
     * {@link UdpSocket#receiveBatch} (a batch of 1 will do), since {@link UdpSocket#receive} returns
     * the coalesced bytes without it. Datagram sockets.
     * Linux only: elsewhere {@link UnsupportedOperationException} naming the platform.
     */
    public static final SocketOption<Boolean> UDP_GRO = new Option<>("UDP_GRO", Boolean.class);

    /** The pending error, {@code SO_ERROR}, read and cleared; 0 for none. Read-only. All platforms. */
    public static final SocketOption<Integer> SO_ERROR = new Option<>("SO_ERROR", Integer.class);

    /** The socket's type, {@code SO_TYPE}. Read-only. All platforms. */
    public static final SocketOption<SocketType> SO_TYPE = new Option<>("SO_TYPE", SocketType.class);

    private record Option<T>(String name, Class<T> type) implements SocketOption<T> {
        @Override
        public String toString() {
            return name;
        }
    }
}
