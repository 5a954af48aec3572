package dev.conduit.net.sys;

import static dev.conduit.net.SocketFamily.INET;
import static dev.conduit.net.SocketFamily.INET6;
import static dev.conduit.net.SocketType.DATAGRAM;
import static dev.conduit.net.SocketType.STREAM;

import dev.conduit.net.ConduitSocketOptions;
import dev.conduit.net.SocketFamily;
import dev.conduit.net.SocketType;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;

/**
 * The socket options Conduit takes, each mapped to the generated {@link Posix} accessors that set
 * and read it, with the families and types it applies to and the range of its values. The C level
 * and name (and whether a variant has them at all) are in {@link Posix}'s annotations; a variant
 * without an option throws {@link UnsupportedOperationException} naming itself from there.
 */
final class PosixOptions {

    /** Reads an option's value. */
    @FunctionalInterface
    private interface Getter<T> {
        T get(int fd, SocketFamily family) throws IOException;
    }

    /** Sets an option's value, already checked to be in range. */
    @FunctionalInterface
    private interface Setter<T> {
        void set(int fd, SocketFamily family, T value) throws IOException;
    }

    /** A generated accessor that does not depend on the family. */
    @FunctionalInterface
    private interface FdGetter<T> {
        T get(int fd) throws IOException;
    }

    /** A generated setter that does not depend on the family. */
    @FunctionalInterface
    private interface FdSetter<T> {
        void set(int fd, T value) throws IOException;
    }

    private record Entry<T>(SocketOption<T> option, Set<SocketType> types, Set<SocketFamily> families,
                            Getter<T> getter, Setter<T> setter, Range range) {
    }

    /** The accepted values of an {@code Integer} option; null for other types. */
    private record Range(int min, int max) {
        static final Range NONE = null;

        void check(SocketOption<?> option, Object value) {
            int v = (Integer) value;
            if (v < min || v > max) {
                throw new IllegalArgumentException(option.name() + " must be in " + min + ".." + max + ": " + v);
            }
        }
    }

    /** Every option Conduit takes, in the order {@link #options} lists them. */
    private static final List<SocketOption<?>> ALL = List.of(
            StandardSocketOptions.SO_REUSEADDR,
            StandardSocketOptions.SO_REUSEPORT,
            StandardSocketOptions.SO_KEEPALIVE,
            StandardSocketOptions.SO_BROADCAST,
            StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_SNDBUF,
            StandardSocketOptions.TCP_NODELAY,
            StandardSocketOptions.IP_TOS,
            ExtendedSocketOptions.TCP_KEEPIDLE,
            StandardSocketOptions.SO_LINGER,
            ConduitSocketOptions.SO_RCVTIMEO,
            ConduitSocketOptions.SO_SNDTIMEO,
            ExtendedSocketOptions.TCP_KEEPINTERVAL,
            ExtendedSocketOptions.TCP_KEEPCOUNT,
            ConduitSocketOptions.IPV6_V6ONLY,
            ConduitSocketOptions.IP_TTL,
            ConduitSocketOptions.TCP_FASTOPEN,
            ConduitSocketOptions.TCP_USER_TIMEOUT,
            StandardSocketOptions.IP_MULTICAST_TTL,
            StandardSocketOptions.IP_MULTICAST_LOOP,
            StandardSocketOptions.IP_MULTICAST_IF,
            ConduitSocketOptions.IP_PKTINFO,
            ConduitSocketOptions.TCP_NOTSENT_LOWAT,
            ConduitSocketOptions.UDP_SEGMENT,
            ConduitSocketOptions.UDP_GRO,
            ConduitSocketOptions.SO_ERROR,
            ConduitSocketOptions.SO_TYPE);

    private static final Set<SocketType> ALL_TYPES = EnumSet.allOf(SocketType.class);
    private static final Set<SocketType> STREAM_ONLY = EnumSet.of(STREAM);
    private static final Set<SocketType> DATAGRAM_ONLY = EnumSet.of(DATAGRAM);
    private static final Set<SocketFamily> IP = EnumSet.of(INET, INET6);
    private static final Set<SocketFamily> ANY = EnumSet.allOf(SocketFamily.class);
    private static final int MAX_UNSIGNED_BYTE = 255;
    /** UDP_SEGMENT's limit: the kernel keeps the segment size in 16 bits. */
    private static final int MAX_UNSIGNED_SHORT = 0xFFFF;
    /** What StandardSocketOptions.SO_LINGER reads as "off", and accepts (any negative) to turn it off. */
    private static final int LINGER_OFF = -1;
    /** The largest linger java.net accepts (it caps larger values there; here they are refused). */
    private static final int MAX_LINGER_SECONDS = 65_535;
    private static final long MICROS_PER_SECOND = 1_000_000;

    private final Posix posix;
    /** Made on first use of each option: each entry's method references are classes to spin, and start-up sets only one or two. */
    private final Map<SocketOption<?>, Entry<?>> entries = new ConcurrentHashMap<>();

    PosixOptions(Posix posix) {
        this.posix = posix;
    }

    /** The entry of {@code option}, or null when Conduit does not take it. */
    private Entry<?> create(SocketOption<?> option) {
        if (option == StandardSocketOptions.SO_REUSEADDR) {
            return flag(StandardSocketOptions.SO_REUSEADDR, ALL_TYPES, IP, posix::reuseAddress, posix::setReuseAddress);
        }
        if (option == StandardSocketOptions.SO_REUSEPORT) {
            return flag(StandardSocketOptions.SO_REUSEPORT, ALL_TYPES, IP, posix::reusePort, posix::setReusePort);
        }
        if (option == StandardSocketOptions.SO_KEEPALIVE) {
            return flag(StandardSocketOptions.SO_KEEPALIVE, STREAM_ONLY, IP, posix::keepAlive, posix::setKeepAlive);
        }
        if (option == StandardSocketOptions.SO_BROADCAST) {
            return flag(StandardSocketOptions.SO_BROADCAST, DATAGRAM_ONLY, IP, posix::broadcast, posix::setBroadcast);
        }
        if (option == StandardSocketOptions.SO_RCVBUF) {
            return number(StandardSocketOptions.SO_RCVBUF, ALL_TYPES, ANY, new Range(0, Integer.MAX_VALUE),
                    posix::receiveBuffer, posix::setReceiveBuffer);
        }
        if (option == StandardSocketOptions.SO_SNDBUF) {
            return number(StandardSocketOptions.SO_SNDBUF, ALL_TYPES, ANY, new Range(0, Integer.MAX_VALUE),
                    posix::sendBuffer, posix::setSendBuffer);
        }
        if (option == StandardSocketOptions.TCP_NODELAY) {
            return flag(StandardSocketOptions.TCP_NODELAY, STREAM_ONLY, IP, posix::tcpNoDelay, posix::setTcpNoDelay);
        }
        if (option == StandardSocketOptions.IP_TOS) {
            return byFamily(StandardSocketOptions.IP_TOS, ALL_TYPES, new Range(0, MAX_UNSIGNED_BYTE),
                    posix::ipTos, posix::setIpTos, posix::ipv6TrafficClass, posix::setIpv6TrafficClass);
        }
        if (option == ExtendedSocketOptions.TCP_KEEPIDLE) {
            return number(ExtendedSocketOptions.TCP_KEEPIDLE, STREAM_ONLY, IP, new Range(1, Short.MAX_VALUE),
                    posix::keepAliveIdle, posix::setKeepAliveIdle);
        }
        if (option == StandardSocketOptions.SO_LINGER) {
            return new Entry<>(StandardSocketOptions.SO_LINGER, STREAM_ONLY, IP,
                    (fd, family) -> {
                        Linger linger = posix.linger(fd);
                        return linger.l_onoff() == 0 ? LINGER_OFF : linger.l_linger();
                    },
                    (fd, family, seconds) -> posix.setLinger(fd, seconds < 0 ? new Linger(0, 0) : new Linger(1, seconds)),
                    new Range(Integer.MIN_VALUE, MAX_LINGER_SECONDS));
        }
        if (option == ConduitSocketOptions.SO_RCVTIMEO) {
            return new Entry<>(ConduitSocketOptions.SO_RCVTIMEO, ALL_TYPES, ANY,
                    (fd, family) -> duration(posix.receiveTimeout(fd)),
                    (fd, family, timeout) -> posix.setReceiveTimeout(fd, timeval(ConduitSocketOptions.SO_RCVTIMEO, timeout)),
                    Range.NONE);
        }
        if (option == ConduitSocketOptions.SO_SNDTIMEO) {
            return new Entry<>(ConduitSocketOptions.SO_SNDTIMEO, ALL_TYPES, ANY,
                    (fd, family) -> duration(posix.sendTimeout(fd)),
                    (fd, family, timeout) -> posix.setSendTimeout(fd, timeval(ConduitSocketOptions.SO_SNDTIMEO, timeout)),
                    Range.NONE);
        }
        if (option == ExtendedSocketOptions.TCP_KEEPINTERVAL) {
            return number(ExtendedSocketOptions.TCP_KEEPINTERVAL, STREAM_ONLY, IP, new Range(1, Short.MAX_VALUE),
                    posix::keepAliveInterval, posix::setKeepAliveInterval);
        }
        if (option == ExtendedSocketOptions.TCP_KEEPCOUNT) {
            return number(ExtendedSocketOptions.TCP_KEEPCOUNT, STREAM_ONLY, IP, new Range(1, Byte.MAX_VALUE),
                    posix::keepAliveCount, posix::setKeepAliveCount);
        }
        if (option == ConduitSocketOptions.IPV6_V6ONLY) {
            return flag(ConduitSocketOptions.IPV6_V6ONLY, ALL_TYPES, EnumSet.of(INET6), posix::ipv6Only, posix::setIpv6Only);
        }
        if (option == ConduitSocketOptions.IP_TTL) {
            return byFamily(ConduitSocketOptions.IP_TTL, ALL_TYPES, new Range(1, MAX_UNSIGNED_BYTE),
                    posix::ipTtl, posix::setIpTtl, posix::ipv6UnicastHops, posix::setIpv6UnicastHops);
        }
        if (option == ConduitSocketOptions.TCP_FASTOPEN) {
            return number(ConduitSocketOptions.TCP_FASTOPEN, STREAM_ONLY, IP, new Range(0, Integer.MAX_VALUE),
                    posix::fastOpen, posix::setFastOpen);
        }
        if (option == ConduitSocketOptions.TCP_USER_TIMEOUT) {
            return number(ConduitSocketOptions.TCP_USER_TIMEOUT, STREAM_ONLY, IP, new Range(0, Integer.MAX_VALUE),
                    posix::userTimeout, posix::setUserTimeout);
        }
        if (option == StandardSocketOptions.IP_MULTICAST_TTL) {
            return byFamily(StandardSocketOptions.IP_MULTICAST_TTL, DATAGRAM_ONLY, new Range(0, MAX_UNSIGNED_BYTE),
                    posix::multicastTtl, posix::setMulticastTtl, posix::ipv6MulticastHops, posix::setIpv6MulticastHops);
        }
        if (option == StandardSocketOptions.IP_MULTICAST_LOOP) {
            return byFamily(StandardSocketOptions.IP_MULTICAST_LOOP, DATAGRAM_ONLY, Range.NONE,
                    posix::multicastLoop, posix::setMulticastLoop, posix::ipv6MulticastLoop, posix::setIpv6MulticastLoop);
        }
        if (option == StandardSocketOptions.IP_MULTICAST_IF) {
            return new Entry<>(StandardSocketOptions.IP_MULTICAST_IF, DATAGRAM_ONLY, IP,
                    (fd, family) -> family == INET6 ? interfaceByIndex(posix.ipv6MulticastInterface(fd))
                            : interfaceByAddress(posix.multicastInterface(fd)),
                    (fd, family, networkInterface) -> {
                        if (family == INET6) {
                            posix.setIpv6MulticastInterface(fd, networkInterface.getIndex());
                        } else {
                            posix.setMulticastInterface(fd, ipv4Of(networkInterface));
                        }
                    }, Range.NONE);
        }
        if (option == ConduitSocketOptions.IP_PKTINFO) {
            return byFamily(ConduitSocketOptions.IP_PKTINFO, DATAGRAM_ONLY, Range.NONE,
                    posix::receivePacketInfo, posix::setReceivePacketInfo, posix::receiveIpv6PacketInfo, posix::setReceiveIpv6PacketInfo);
        }
        if (option == ConduitSocketOptions.TCP_NOTSENT_LOWAT) {
            return number(ConduitSocketOptions.TCP_NOTSENT_LOWAT, STREAM_ONLY, IP, new Range(0, Integer.MAX_VALUE),
                    posix::notSentLowWater, posix::setNotSentLowWater);
        }
        if (option == ConduitSocketOptions.UDP_SEGMENT) {
            return number(ConduitSocketOptions.UDP_SEGMENT, DATAGRAM_ONLY, IP, new Range(0, MAX_UNSIGNED_SHORT),
                    posix::udpSegment, posix::setUdpSegment);
        }
        if (option == ConduitSocketOptions.UDP_GRO) {
            return flag(ConduitSocketOptions.UDP_GRO, DATAGRAM_ONLY, IP, posix::udpGro, posix::setUdpGro);
        }
        if (option == ConduitSocketOptions.SO_ERROR) {
            return new Entry<>(ConduitSocketOptions.SO_ERROR, ALL_TYPES, ANY, (fd, family) -> posix.pendingError(fd),
                    null, Range.NONE);
        }
        if (option == ConduitSocketOptions.SO_TYPE) {
            return new Entry<>(ConduitSocketOptions.SO_TYPE, ALL_TYPES, ANY,
                    (fd, family) -> PosixSockets.typeOf(posix, posix.socketType(fd))
                            .orElseThrow(() -> new IOException("SO_TYPE: a socket type Conduit does not know")),
                    null, Range.NONE);
        }
        return null;
    }

    /** The IPv4 multicast interface as {@code in_addr}: its first IPv4 address, bytes in network order. */
    private static InAddr ipv4Of(NetworkInterface networkInterface) throws SocketException {
        byte[] address = networkInterface.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst()
                .orElseThrow(() -> new SocketException("interface " + networkInterface.getName() + " has no IPv4 address"))
                .getAddress();
        return new InAddr(MemorySegment.ofArray(address).get(ValueLayout.JAVA_INT_UNALIGNED, 0)); // the same bytes
    }

    private static NetworkInterface interfaceByAddress(InAddr address) throws SocketException {
        byte[] bytes = new byte[Integer.BYTES];
        MemorySegment.ofArray(bytes).set(ValueLayout.JAVA_INT_UNALIGNED, 0, address.s_addr());
        try {
            InetAddress ip = InetAddress.getByAddress(bytes);
            return ip.isAnyLocalAddress() ? null : NetworkInterface.getByInetAddress(ip); // null: not set, as java.nio
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }

    private static NetworkInterface interfaceByIndex(int index) throws SocketException {
        return index == 0 ? null : NetworkInterface.getByIndex(index);
    }

    private static Duration duration(Timeval timeval) {
        return Duration.ofSeconds(timeval.tv_sec()).plus(Duration.of(timeval.tv_usec(), ChronoUnit.MICROS));
    }

    /** A timeout as the kernel takes it: non-negative, whole microseconds (rounded up, so it never becomes 0). */
    private static Timeval timeval(SocketOption<Duration> option, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(option.name() + " must not be negative: " + timeout);
        }
        if (timeout.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option.name() + " must be at most " + Integer.MAX_VALUE + " s: " + timeout);
        }
        long micros = (timeout.getNano() + 999) / 1000;
        long seconds = timeout.getSeconds() + micros / MICROS_PER_SECOND;
        return new Timeval(seconds, micros % MICROS_PER_SECOND);
    }

    Set<SocketOption<?>> options(SocketFamily family, SocketType type) {
        Set<SocketOption<?>> options = new LinkedHashSet<>();
        for (SocketOption<?> option : ALL) {
            Entry<?> e = entries.computeIfAbsent(option, this::create);
            if (e.families().contains(family) && e.types().contains(type)) {
                options.add(option);
            }
        }
        return options;
    }

    <T> void set(int fd, SocketFamily family, SocketType type, SocketOption<T> option, T value) throws IOException {
        Entry<T> entry = entry(family, type, option);
        Objects.requireNonNull(value, "value");
        if (entry.setter() == null) {
            throw new UnsupportedOperationException(option.name() + " is read-only");
        }
        if (entry.range() != null) {
            entry.range().check(option, value);
        }
        entry.setter().set(fd, family, value);
    }

    <T> T get(int fd, SocketFamily family, SocketType type, SocketOption<T> option) throws IOException {
        return entry(family, type, option).getter().get(fd, family);
    }

    @SuppressWarnings("unchecked") // entries are keyed by their own option, so the types agree
    private <T> Entry<T> entry(SocketFamily family, SocketType type, SocketOption<T> option) {
        Objects.requireNonNull(option, "option");
        Entry<T> entry = (Entry<T>) entries.computeIfAbsent(option, this::create); // null: not an option here
        if (entry == null || !entry.families().contains(family) || !entry.types().contains(type)) {
            throw new UnsupportedOperationException("'" + option.name() + "' is not an option of " + family + " "
                    + type + " sockets; they take " + options(family, type));
        }
        return entry;
    }

    private static Entry<Boolean> flag(SocketOption<Boolean> option, Set<SocketType> types, Set<SocketFamily> families,
                      FdGetter<Boolean> get, FdSetter<Boolean> set) {
        return new Entry<>(option, types, families, (fd, f) -> get.get(fd), (fd, f, v) -> set.set(fd, v), Range.NONE);
    }

    private static Entry<Integer> number(SocketOption<Integer> option, Set<SocketType> types, Set<SocketFamily> families, Range range,
                        FdGetter<Integer> get, FdSetter<Integer> set) {
        return new Entry<>(option, types, families, (fd, f) -> get.get(fd), (fd, f, v) -> set.set(fd, v), range);
    }

    /** An option whose C name differs by family: IPv4's for INET sockets, IPv6's for INET6 sockets. */
    private static <T> Entry<T> byFamily(SocketOption<T> option, Set<SocketType> types, Range range,
                              FdGetter<T> ipv4Get, FdSetter<T> ipv4Set, FdGetter<T> ipv6Get, FdSetter<T> ipv6Set) {
        return new Entry<>(option, types, IP, (fd, family) -> (family == INET6 ? ipv6Get : ipv4Get).get(fd),
                (fd, family, value) -> (family == INET6 ? ipv6Set : ipv4Set).set(fd, value), range);
    }
}
