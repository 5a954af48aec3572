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
    /** Where {@link #receive}'s scratch memory holds the sender and the control data. */
    private final long senderOffset;
    private final long controlOffset;
    private final long controlRoom;

    PosixDatagrams(Posix posix, PosixAddresses addresses, MessageHeaders headers) {
        this.posix = posix;
        this.addresses = addresses;
        this.control = new ControlMessages(posix);
        this.headers = headers;
        this.inPktinfo = new StructFields(posix.inPktinfoLayout());
        this.in6Pktinfo = new StructFields(posix.in6PktinfoLayout());
        this.senderOffset = MessageHeaders.align(headers.size(), posix.sockaddrStorageLayout().byteAlignment());
        this.controlOffset = MessageHeaders.align(senderOffset + posix.sockaddrStorageLayout().byteSize(),
                posix.cmsgAlignment());
        this.controlRoom = control.space(Math.max(inPktinfo.layout().byteSize(), in6Pktinfo.layout().byteSize()));
    }

    /** The bytes of scratch memory {@link #receive} takes: a msghdr with its iovec, the sender, the control data. */
    long scratchSize() {
        return controlOffset + controlRoom;
    }

    /**
     * {@code recvmsg} into {@code buffer}, its msghdr, sender and control data in {@code scratch}
     * (reused, {@link #scratchSize} bytes, aligned for any struct), the sender from {@code senders}
     * when it is the last one (null: no cache); with {@code now}, null instead of waiting.
     */
    ReceivedDatagram receive(int fd, MemorySegment buffer, MemorySegment scratch, SenderCache senders,
                             MemorySegment callState, boolean now) throws IOException {
        MemorySegment sender = scratch.asSlice(senderOffset, posix.sockaddrStorageLayout().byteSize());
        MemorySegment controlBuffer = scratch.asSlice(controlOffset, controlRoom);
        MemorySegment message = headers.in(scratch, sender, buffer, controlBuffer);
        long received = now ? posix.recvmsgNow(fd, message, NO_FLAGS, callState)
                : posix.recvmsg(fd, message, NO_FLAGS, callState);
        if (received == WOULD_BLOCK) {
            return null;
        }
        int nameLength = headers.nameLength(message);
        return new ReceivedDatagram(received, (headers.flags(message) & posix.msgTrunc()) != 0,
                nameLength == 0 ? null : sender(sender, nameLength, senders),
                destination(controlBuffer, headers.controlLength(message)));
    }

    /** The decoded sender: the cached one when the kernel wrote the same bytes as last time. */
    private SocketAddress sender(MemorySegment sockaddr, int length, SenderCache senders) {
        SocketAddress known = senders == null ? null : senders.lookup(sockaddr, length);
        if (known != null) {
            return known;
        }
        SocketAddress decoded = addresses.decode(sockaddr, length);
        if (senders != null) {
            senders.keep(sockaddr, length, decoded);
        }
        return decoded;
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
        if (length == 0) {
            return Optional.empty(); // IP_PKTINFO off: no walk, no list
        }
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
