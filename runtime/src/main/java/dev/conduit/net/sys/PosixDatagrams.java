package dev.conduit.net.sys;

import dev.conduit.net.ReceivedDatagram;
import dev.conduit.net.SocketFamily;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Datagram calls: {@code recvmsg} with the sender, the truncation flag and the
 * destination ({@code IP_PKTINFO}/{@code IPV6_PKTINFO} control messages), and multicast membership
 * through RFC 3678's {@code group_req}/{@code group_source_req}. Every struct is read and written by
 * field name at the variant's layout.
 */
final class PosixDatagrams {

    private static final int NO_FLAGS = 0;
    private static final long WOULD_BLOCK = -2;

    private final Posix posix;
    private final PosixAddresses addresses;
    private final ControlMessages control;
    private final MessageHeaders headers;
    private final StructFields inPktinfo;
    private final StructFields in6Pktinfo;

    PosixDatagrams(Posix posix, PosixAddresses addresses, MessageHeaders headers) {
        this.posix = posix;
        this.addresses = addresses;
        this.control = new ControlMessages(posix);
        this.headers = headers;
        this.inPktinfo = new StructFields(posix.inPktinfoLayout());
        this.in6Pktinfo = new StructFields(posix.in6PktinfoLayout());
    }

    /** {@code recvmsg}; with {@code now}, null instead of waiting. */
    ReceivedDatagram receive(int fd, MemorySegment buffer, boolean now) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sender = arena.allocate(posix.sockaddrStorageLayout());
            long controlRoom = control.space(Math.max(inPktinfo.layout().byteSize(), in6Pktinfo.layout().byteSize()));
            MemorySegment controlBuffer = arena.allocate(controlRoom, Long.BYTES);
            MemorySegment message = headers.of(arena, sender, buffer, controlBuffer);
            long received = now ? posix.recvmsgNow(fd, message, NO_FLAGS) : posix.recvmsg(fd, message, NO_FLAGS);
            if (received == WOULD_BLOCK) {
                return null;
            }
            return new ReceivedDatagram(received, (headers.flags(message) & posix.msgTrunc()) != 0,
                    headers.nameLength(message) == 0 ? null : addresses.decode(sender, headers.nameLength(message)),
                    destination(controlBuffer, headers.controlLength(message)));
        }
    }

    /** Joins ({@code join}) or leaves a group, any-source ({@code source} null) or source-specific. */
    void membership(int fd, SocketFamily family, boolean join, InetAddress group, InetAddress source, int interfaceIndex)
            throws IOException {
        boolean ipv6 = group instanceof Inet6Address;
        if (ipv6 && family == SocketFamily.INET) {
            throw new IllegalArgumentException("an IPv4 socket cannot join the IPv6 group " + group.getHostAddress());
        }
        if (source != null && (source instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException("group " + group.getHostAddress() + " and source "
                    + source.getHostAddress() + " are of different families");
        }
        SocketFamily groupFamily = ipv6 ? SocketFamily.INET6 : SocketFamily.INET;
        byte[] groupBytes = sockaddrBytes(groupFamily, group);
        if (source == null) {
            GroupReq request = new GroupReq(interfaceIndex, groupBytes);
            if (ipv6) {
                if (join) {
                    posix.joinIpv6Group(fd, request);
                } else {
                    posix.leaveIpv6Group(fd, request);
                }
            } else if (join) {
                posix.joinIpv4Group(fd, request);
            } else {
                posix.leaveIpv4Group(fd, request);
            }
            return;
        }
        GroupSourceReq request = new GroupSourceReq(interfaceIndex, groupBytes, sockaddrBytes(groupFamily, source));
        if (ipv6) {
            if (join) {
                posix.joinIpv6SourceGroup(fd, request);
            } else {
                posix.leaveIpv6SourceGroup(fd, request);
            }
        } else if (join) {
            posix.joinIpv4SourceGroup(fd, request);
        } else {
            posix.leaveIpv4SourceGroup(fd, request);
        }
    }

    private byte[] sockaddrBytes(SocketFamily family, InetAddress address) throws UnknownHostException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = arena.allocate(posix.sockaddrStorageLayout());
            int length = addresses.encode(sockaddr, family, new InetSocketAddress(address, 0));
            return sockaddr.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private Optional<InetAddress> destination(MemorySegment controlBuffer, long length) throws UnknownHostException {
        for (ControlMessages.Message m : control.parse(controlBuffer, length)) {
            if (m.level() == posix.ipprotoIp() && m.type() == posix.ipPktinfo()) {
                return Optional.of(address(inPktinfo.slice(m.data(), "ipi_addr")));
            }
            if (m.level() == posix.ipprotoIpv6() && m.type() == posix.ipv6Pktinfo()) {
                return Optional.of(address(in6Pktinfo.slice(m.data(), "ipi6_addr")));
            }
        }
        return Optional.empty();
    }

    private static InetAddress address(MemorySegment bytes) throws UnknownHostException {
        return InetAddress.getByAddress(bytes.toArray(ValueLayout.JAVA_BYTE));
    }
}
