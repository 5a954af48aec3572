package dev.conduit.net.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@code struct msghdr} over one buffer, for {@code sendmsg}/{@code recvmsg}, and {@code struct iovec}
 * arrays for {@code readv}/{@code writev}, their fields written and
 * read by name at the variant's widths ({@code msg_iovlen} and {@code msg_controllen} are
 * {@code size_t} on Linux, {@code int} and {@code socklen_t} on macOS).
 */
final class MessageHeaders {

    private final StructFields msghdr;
    private final StructFields iovec;
    private final StructFields.Field iovBase;
    private final StructFields.Field iovLen;
    // resolved once: finding a field by name builds layout paths, which cost more than the call
    private final StructFields.Field msgName;
    private final StructFields.Field msgNamelen;
    private final StructFields.Field msgIov;
    private final StructFields.Field msgIovlen;
    private final StructFields.Field msgControl;
    private final StructFields.Field msgControllen;
    private final StructFields.Field msgFlags;

    MessageHeaders(Posix posix) {
        this.msghdr = new StructFields(posix.msghdrLayout());
        this.iovec = new StructFields(posix.iovecLayout());
        this.iovBase = iovec.field("iov_base");
        this.iovLen = iovec.field("iov_len");
        this.msgName = msghdr.field("msg_name");
        this.msgNamelen = msghdr.field("msg_namelen");
        this.msgIov = msghdr.field("msg_iov");
        this.msgIovlen = msghdr.field("msg_iovlen");
        this.msgControl = msghdr.field("msg_control");
        this.msgControllen = msghdr.field("msg_controllen");
        this.msgFlags = msghdr.field("msg_flags");
    }

    /**
     * A header in {@code arena} for {@code buffer}, with {@code name} (a sockaddr, or
     * {@code MemorySegment.NULL}) and {@code control} (ancillary data, or an empty segment).
     */
    MemorySegment of(Arena arena, MemorySegment name, MemorySegment buffer, MemorySegment control) {
        return write(arena.allocate(msghdr.layout()), vector(arena, buffer), name, control);
    }

    /** Where in {@link #in}'s memory the iovec goes: after the msghdr, at its alignment. */
    long vectorOffset() {
        return align(msghdr.layout().byteSize(), iovec.layout().byteAlignment());
    }

    /** The bytes {@link #in} takes: the msghdr and one iovec. */
    long size() {
        return vectorOffset() + iovec.layout().byteSize();
    }

    /**
     * {@link #of}, written into {@code memory} (reused native memory of at least {@link #size}
     * bytes, aligned for a msghdr): the header at its start, its iovec after it.
     */
    MemorySegment in(MemorySegment memory, MemorySegment name, MemorySegment buffer, MemorySegment control) {
        long vector = vectorOffset();
        iovBase.setAddress(memory, vector, buffer);
        iovLen.set(memory, vector, buffer.byteSize());
        msgFlags.set(memory, 0, 0);
        return write(memory, memory.asSlice(vector, iovec.layout().byteSize()), name, control);
    }

    private MemorySegment write(MemorySegment message, MemorySegment io, MemorySegment name, MemorySegment control) {
        msgName.setAddress(message, 0, name);
        msgNamelen.set(message, 0, name.byteSize());
        msgIov.setAddress(message, 0, io);
        msgIovlen.set(message, 0, 1);
        msgControl.setAddress(message, 0, control.byteSize() == 0 ? MemorySegment.NULL : control);
        msgControllen.set(message, 0, control.byteSize());
        return message;
    }

    /** {@code offset} rounded up to a multiple of {@code alignment}. */
    static long align(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    /** An array of {@code struct iovec} in {@code arena} over {@code buffers}, for msghdr. */
    MemorySegment vector(Arena arena, MemorySegment... buffers) {
        MemorySegment iov = arena.allocate(iovec.layout(), buffers.length);
        fill(iov, buffers, false);
        return iov;
    }

    /**
     * Writes an iovec for each of {@code buffers} into {@code iov}, checking each segment as it is
     * read, so that what the kernel gets is what was checked even if the array changes meanwhile.
     */
    void fill(MemorySegment iov, MemorySegment[] buffers, boolean writable) {
        long size = iovec.layout().byteSize();
        for (int i = 0; i < buffers.length; i++) {
            MemorySegment buffer = java.util.Objects.requireNonNull(buffers[i], "segment");
            if (!buffer.isNative()) {
                throw new IllegalArgumentException("readv/writev take native segments: " + buffer);
            }
            if (writable && buffer.isReadOnly()) {
                throw new IllegalArgumentException("a destination is read-only");
            }
            iovBase.setAddress(iov, i * size, buffer);
            iovLen.set(iov, i * size, buffer.byteSize());
        }
    }

    /** {@code msg_flags} after {@code recvmsg}: {@code MSG_TRUNC}, {@code MSG_CTRUNC}, ... */
    int flags(MemorySegment message) {
        return (int) msgFlags.get(message, 0);
    }

    /** The length of the sender's address {@code recvmsg} wrote. */
    int nameLength(MemorySegment message) {
        return (int) msgNamelen.get(message, 0);
    }

    /** The bytes of ancillary data {@code recvmsg} wrote. */
    long controlLength(MemorySegment message) {
        return msgControllen.get(message, 0);
    }
}
