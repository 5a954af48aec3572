package dev.conduit.net.sys;

import dev.conduit.net.AbstractUnixAddress;
import dev.conduit.net.SocketFamily;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Optional;

/**
 * Socket addresses to and from the variant's sockaddr structs, whose layouts the generated
 * {@link Posix} methods know: {@link InetSocketAddress} as {@code sockaddr_in}/{@code sockaddr_in6},
 * {@link UnixDomainSocketAddress} and {@link AbstractUnixAddress} as {@code sockaddr_un}. An IPv4
 * address given to an IPv6 socket becomes the IPv4-mapped {@code ::ffff:a.b.c.d}, and a mapped
 * address the kernel reports comes back as the IPv4 address it stands for, as java.nio does. Unix
 * paths are encoded as the JDK encodes file names ({@code sun.jnu.encoding}).
 */
final class PosixAddresses {

    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    /** {@code ::ffff:0:0/96} (RFC 4291 2.5.5.2): ten zero bytes, two 0xff bytes, then the IPv4 address. */
    private static final int MAPPED_PREFIX = IPV6_BYTES - IPV4_BYTES;
    /** InetSocketAddress carries no flow label: 0 lets the kernel choose (RFC 6437). */
    private static final int NO_FLOW_LABEL = 0;
    private static final Charset FILE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private final Posix posix;

    PosixAddresses(Posix posix) {
        this.posix = posix;
    }

    /**
     * Writes {@code address} for a socket of {@code family} into {@code sockaddr}; returns its length.
     *
     * @throws IllegalArgumentException for an address of another family (an IPv6 address on an IPv4
     *     socket, a path on an IP socket), or a Unix path over the platform's limit
     * @throws UnsupportedOperationException for an abstract name off Linux
     * @throws UnknownHostException for an unresolved address
     */
    int encode(MemorySegment sockaddr, SocketFamily family, SocketAddress address) throws UnknownHostException {
        return switch (address) {
            case InetSocketAddress inet -> encodeInet(sockaddr, family, inet);
            case UnixDomainSocketAddress path -> {
                requireUnix(family, address);
                // a Path never holds NUL (the JDK refuses it), so the C string cannot end early
                yield posix.encodeUnix(sockaddr, path.getPath().toString().getBytes(FILE_NAMES));
            }
            case AbstractUnixAddress name -> {
                requireUnix(family, address);
                if (!hasAbstractNames()) {
                    throw new UnsupportedOperationException("abstract Unix socket names exist on Linux only, not on "
                            + posix.variant() + ": bind to a path instead");
                }
                byte[] bytes = name.name();
                byte[] withMarker = new byte[bytes.length + 1]; // the leading NUL marks the abstract namespace
                System.arraycopy(bytes, 0, withMarker, 1, bytes.length);
                yield posix.encodeUnix(sockaddr, withMarker);
            }
            case null -> throw new NullPointerException("address");
            default -> throw new IllegalArgumentException("not a socket address Conduit knows: "
                    + address.getClass().getName());
        };
    }

    /** The address the kernel wrote into {@code sockaddr} ({@code length} bytes of it). */
    SocketAddress decode(MemorySegment sockaddr, int length) {
        if (posix.sockaddrFamily(sockaddr) != posix.afUnix()) {
            return decodeInet(sockaddr);
        }
        byte[] path = posix.decodeUnix(sockaddr, length);
        if (path.length > 0 && path[0] == 0) {
            return AbstractUnixAddress.of(Arrays.copyOfRange(path, 1, path.length));
        }
        return UnixDomainSocketAddress.of(new String(path, FILE_NAMES)); // empty: an unnamed socket
    }

    /** The family of a sockaddr's {@code sa_family} value, if Conduit handles it. */
    Optional<SocketFamily> family(int saFamily) {
        if (saFamily == posix.afInet()) {
            return Optional.of(SocketFamily.INET);
        } else if (saFamily == posix.afInet6()) {
            return Optional.of(SocketFamily.INET6);
        } else if (saFamily == posix.afUnix()) {
            return Optional.of(SocketFamily.UNIX);
        }
        return Optional.empty();
    }

    /** {@code 127.0.0.1:80}, {@code [::1]:80}, a path, {@code @name}: an address as messages show it. */
    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            String host = ip == null ? Quoted.of(inet.getHostString()) : ip.getHostAddress();
            return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return address instanceof UnixDomainSocketAddress path ? Quoted.of(path.getPath().toString())
                : Quoted.of(String.valueOf(address));
    }

    /** A kernel feature, not a header symbol (unix(7)): Linux has the abstract namespace, the BSDs do not. */
    private boolean hasAbstractNames() {
        return posix.variant().startsWith("linux-");
    }

    private static void requireUnix(SocketFamily family, SocketAddress address) {
        if (family != SocketFamily.UNIX) {
            throw new IllegalArgumentException("a " + family + " socket cannot use the Unix address " + describe(address)
                    + ": open a UNIX socket");
        }
    }

    private int encodeInet(MemorySegment sockaddr, SocketFamily family, InetSocketAddress address)
            throws UnknownHostException {
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
            case UNIX -> throw new IllegalArgumentException("a UNIX socket cannot use the IP address "
                    + describe(address) + ": give a UnixDomainSocketAddress");
        };
    }

    /** An IP address the kernel wrote, with IPv4-mapped IPv6 turned into IPv4. */
    InetSocketAddress decodeInet(MemorySegment sockaddr) {
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
