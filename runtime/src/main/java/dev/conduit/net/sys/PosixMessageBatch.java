package dev.conduit.net.sys;

import dev.conduit.net.SocketFamily;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * The native arrays of {@code sendmmsg}/{@code recvmmsg} (Linux): {@code capacity} {@code struct
 * mmsghdr}s, each with one {@code iovec}, room for a sockaddr and for one int-sized control message
 * (UDP_GRO's segment size). The pointers between them are written once; a call rewrites only the
 * buffers, lengths and addresses, and an address is encoded again only when it is another object
 * than last time in that entry, so a batch reused with the same targets allocates nothing. Every
 * field is read and written by name at the bindings' offsets and widths, resolved once.
 */
final class PosixMessageBatch implements SocketSystem.MessageBatch {

    private final PosixAddresses addresses;
    private final int capacity;
    private final int msgTrunc;
    private final int solUdp;
    private final int udpGro;
    private final long dataOffset;
    private final long headerSpace;
    private final long entrySize;
    private final long headerOffset;
    private final long vectorSize;
    private final long nameSize;
    private final long controlSize;
    private final StructFields.Field msgNamelen;
    private final StructFields.Field msgControllen;
    private final StructFields.Field msgFlags;
    private final StructFields.Field msgLen;
    private final StructFields.Field iovBase;
    private final StructFields.Field iovLen;
    private final StructFields.Field cmsgLen;
    private final StructFields.Field cmsgLevel;
    private final StructFields.Field cmsgType;
    private final MemorySegment messages;
    private final MemorySegment vectors;
    private final MemorySegment names;
    private final MemorySegment controls;
    /** What each entry's sockaddr holds, so an unchanged target is not encoded again. */
    private final SocketAddress[] encodedTargets;
    private final SocketFamily[] encodedFamilies;
    private final int[] encodedLengths;

    PosixMessageBatch(Posix posix, PosixAddresses addresses, int capacity) {
        this.addresses = addresses;
        this.capacity = capacity;
        StructFields mmsghdr = new StructFields(posix.mmsghdrLayout());
        StructFields msghdr = new StructFields(posix.msghdrLayout());
        StructFields iovec = new StructFields(posix.iovecLayout());
        StructFields cmsghdr = new StructFields(posix.cmsghdrLayout());
        this.msgTrunc = posix.msgTrunc();
        this.solUdp = posix.solUdp();
        this.udpGro = posix.udpGroType();
        this.dataOffset = posix.cmsgDataOffset();
        this.headerSpace = posix.cmsgHeaderSpace();
        this.entrySize = mmsghdr.layout().byteSize();
        this.headerOffset = mmsghdr.offset("msg_hdr");
        this.vectorSize = iovec.layout().byteSize();
        this.nameSize = posix.sockaddrStorageLayout().byteSize();
        this.controlSize = posix.cmsgSpaceInt();
        this.msgNamelen = msghdr.field("msg_namelen");
        this.msgControllen = msghdr.field("msg_controllen");
        this.msgFlags = msghdr.field("msg_flags");
        this.msgLen = mmsghdr.field("msg_len");
        this.iovBase = iovec.field("iov_base");
        this.iovLen = iovec.field("iov_len");
        this.cmsgLen = cmsghdr.field("cmsg_len");
        this.cmsgLevel = cmsghdr.field("cmsg_level");
        this.cmsgType = cmsghdr.field("cmsg_type");
        Arena arena = Arena.ofAuto(); // lives as long as the batch is reachable
        this.messages = arena.allocate(mmsghdr.layout(), capacity);
        this.vectors = arena.allocate(iovec.layout(), capacity);
        this.names = arena.allocate(posix.sockaddrStorageLayout(), capacity);
        this.controls = arena.allocate(controlSize * capacity, posix.cmsgAlignment());
        StructFields.Field msgName = msghdr.field("msg_name");
        StructFields.Field msgIov = msghdr.field("msg_iov");
        StructFields.Field msgIovlen = msghdr.field("msg_iovlen");
        StructFields.Field msgControl = msghdr.field("msg_control");
        for (int i = 0; i < capacity; i++) {
            long header = i * entrySize + headerOffset;
            msgName.setAddress(messages, header, names.asSlice(i * nameSize, nameSize));
            msgIov.setAddress(messages, header, vectors.asSlice(i * vectorSize, vectorSize));
            msgIovlen.set(messages, header, 1);
            msgControl.setAddress(messages, header, controls.asSlice(i * controlSize, controlSize));
        }
        this.encodedTargets = new SocketAddress[capacity];
        this.encodedFamilies = new SocketFamily[capacity];
        this.encodedLengths = new int[capacity];
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** The array of {@code struct mmsghdr} to pass to the call. */
    MemorySegment messages() {
        return messages;
    }

    @Override
    public void prepareSend(int i, MemorySegment data, SocketFamily family, SocketAddress target)
            throws UnknownHostException {
        long header = i * entrySize + headerOffset;
        setBuffer(i, data);
        if (target == null) {
            msgNamelen.set(messages, header, 0); // the connected peer; the kernel then ignores msg_name
        } else {
            if (target != encodedTargets[i] || family != encodedFamilies[i]) {
                encodedTargets[i] = null; // in case encoding fails half-way
                encodedLengths[i] = addresses.encode(names.asSlice(i * nameSize, nameSize), family, target);
                encodedTargets[i] = target;
                encodedFamilies[i] = family;
            }
            msgNamelen.set(messages, header, encodedLengths[i]);
        }
        msgControllen.set(messages, header, 0);
        msgFlags.set(messages, header, 0);
        msgLen.set(messages, i * entrySize, 0);
    }

    @Override
    public void prepareReceive(int i, MemorySegment buffer) {
        long header = i * entrySize + headerOffset;
        setBuffer(i, buffer);
        encodedTargets[i] = null; // the sender's address will overwrite the sockaddr
        msgNamelen.set(messages, header, nameSize);
        msgControllen.set(messages, header, controlSize);
        msgFlags.set(messages, header, 0);
        msgLen.set(messages, i * entrySize, 0);
    }

    private void setBuffer(int i, MemorySegment buffer) {
        long vector = i * vectorSize;
        iovBase.setAddress(vectors, vector, buffer);
        iovLen.set(vectors, vector, buffer.byteSize());
    }

    @Override
    public long length(int i) {
        return msgLen.get(messages, i * entrySize) & 0xFFFF_FFFFL; // unsigned int
    }

    @Override
    public boolean truncated(int i) {
        return (msgFlags.get(messages, i * entrySize + headerOffset) & msgTrunc) != 0;
    }

    @Override
    public SocketAddress sender(int i) {
        int length = (int) msgNamelen.get(messages, i * entrySize + headerOffset);
        return length == 0 ? null : addresses.decode(names.asSlice(i * nameSize, nameSize), length);
    }

    @Override
    public int segmentSize(int i) {
        long length = msgControllen.get(messages, i * entrySize + headerOffset);
        long control = i * controlSize;
        if (length < headerSpace || cmsgLen.get(controls, control) < dataOffset + Integer.BYTES
                || cmsgLevel.get(controls, control) != solUdp || cmsgType.get(controls, control) != udpGro) {
            return 0; // one datagram, not several coalesced
        }
        return controls.get(ValueLayout.JAVA_INT, control + dataOffset); // the kernel's int gso_size
    }
}
