package dev.conduit.net.sys;

import dev.conduit.net.SocketFamily;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * {@link InetSocketAddress} to and from the variant's {@code sockaddr_in}/{@code sockaddr_in6}, whose
 * layouts the generated {@link Posix} methods know. An IPv4 address given to an IPv6 socket becomes
 * the IPv4-mapped {@code ::ffff:a.b.c.d}, and a mapped address the kernel reports comes back as the
 * IPv4 address it stands for, as java.nio does.
 */
final class PosixAddresses {

    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    /** {@code ::ffff:0:0/96} (RFC 4291 2.5.5.2): ten zero bytes, two 0xff bytes, then the IPv4 address. */
    private static final int MAPPED_PREFIX = IPV6_BYTES - IPV4_BYTES;

    /** InetSocketAddress carries no flow label: 0 lets the kernel choose (RFC 6437). */
    private static final int NO_FLOW_LABEL = 0;

    private final Posix posix;

    PosixAddresses(Posix posix) {
        this.posix = posix;
    }

    /**
     * Writes {@code address} for a socket of {@code family} into {@code sockaddr}; returns its length.
     *
     * @throws IllegalArgumentException for an IPv6 address on an IPv4 socket
     * @throws UnknownHostException for an unresolved address
     */
    int encode(MemorySegment sockaddr, SocketFamily family, InetSocketAddress address) throws UnknownHostException {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new UnknownHostException("unresolved address " + Quoted.of(address.getHostString())
                    + ": resolve it first (e.g. new InetSocketAddress(host, port))");
        }
        return switch (family) {
            case INET -> {
                if (!(ip instanceof Inet4Address)) {
                    throw new IllegalArgumentException("an IPv4 socket cannot use the IPv6 address "
                            + describe(address) + ": open an INET6 socket");
                }
                yield posix.encodeInet4(sockaddr, ip.getAddress(), address.getPort());
            }
            case INET6 -> ip instanceof Inet6Address v6
                    ? posix.encodeInet6(sockaddr, v6.getAddress(), address.getPort(), NO_FLOW_LABEL, v6.getScopeId())
                    : posix.encodeInet6(sockaddr, mapped(ip.getAddress()), address.getPort(), NO_FLOW_LABEL, 0);
        };
    }

    /** The address the kernel wrote into {@code sockaddr}, with IPv4-mapped IPv6 turned into IPv4. */
    InetSocketAddress decode(MemorySegment sockaddr) {
        InetSocketAddress decoded = posix.decodeSockaddr(sockaddr);
        byte[] bytes = decoded.getAddress().getAddress();
        if (bytes.length == IPV6_BYTES && isMapped(bytes)) {
            try {
                InetAddress v4 = InetAddress.getByAddress(Arrays.copyOfRange(bytes, MAPPED_PREFIX, IPV6_BYTES));
                return new InetSocketAddress(v4, decoded.getPort());
            } catch (UnknownHostException e) {
                throw new AssertionError("four bytes are always an IPv4 address", e);
            }
        }
        return decoded;
    }

    /** {@code 127.0.0.1:80}, {@code [::1]:80}: an address as messages show it. */
    static String describe(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? Quoted.of(address.getHostString()) : ip.getHostAddress();
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] v6 = new byte[IPV6_BYTES];
        v6[MAPPED_PREFIX - 2] = (byte) 0xff;
        v6[MAPPED_PREFIX - 1] = (byte) 0xff;
        System.arraycopy(ipv4, 0, v6, MAPPED_PREFIX, IPV4_BYTES);
        return v6;
    }

    private static boolean isMapped(byte[] v6) {
        for (int i = 0; i < MAPPED_PREFIX - 2; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[MAPPED_PREFIX - 2] == (byte) 0xff && v6[MAPPED_PREFIX - 1] == (byte) 0xff;
    }
}
