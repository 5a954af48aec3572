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

    MessageHeaders(Posix posix) {
        this.msghdr = new StructFields(posix.msghdrLayout());
        this.iovec = new StructFields(posix.iovecLayout());
        this.iovBase = iovec.field("iov_base");
        this.iovLen = iovec.field("iov_len");
    }

    /**
     * A header in {@code arena} for {@code buffer}, with {@code name} (a sockaddr, or
     * {@code MemorySegment.NULL}) and {@code control} (ancillary data, or an empty segment).
     */
    MemorySegment of(Arena arena, MemorySegment name, MemorySegment buffer, MemorySegment control) {
        MemorySegment io = vector(arena, buffer);
        MemorySegment message = arena.allocate(msghdr.layout());
        msghdr.setAddress(message, "msg_name", name);
        msghdr.set(message, "msg_namelen", name.byteSize());
        msghdr.setAddress(message, "msg_iov", io);
        msghdr.set(message, "msg_iovlen", 1);
        msghdr.setAddress(message, "msg_control", control.byteSize() == 0 ? MemorySegment.NULL : control);
        msghdr.set(message, "msg_controllen", control.byteSize());
        return message;
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
        return (int) msghdr.get(message, "msg_flags");
    }

    /** The length of the sender's address {@code recvmsg} wrote. */
    int nameLength(MemorySegment message) {
        return (int) msghdr.get(message, "msg_namelen");
    }

    /** The bytes of ancillary data {@code recvmsg} wrote. */
    long controlLength(MemorySegment message) {
        return msghdr.get(message, "msg_controllen");
    }
}
