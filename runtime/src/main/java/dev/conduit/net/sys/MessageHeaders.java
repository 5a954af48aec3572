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

    MessageHeaders(Posix posix) {
        this.msghdr = new StructFields(posix.msghdrLayout());
        this.iovec = new StructFields(posix.iovecLayout());
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

    /** An array of {@code struct iovec} in {@code arena} over {@code buffers}, for readv/writev and msghdr. */
    MemorySegment vector(Arena arena, MemorySegment... buffers) {
        long size = iovec.layout().byteSize();
        MemorySegment iov = arena.allocate(iovec.layout(), buffers.length);
        for (int i = 0; i < buffers.length; i++) {
            MemorySegment entry = iov.asSlice(i * size, size);
            iovec.setAddress(entry, "iov_base", buffers[i]);
            iovec.set(entry, "iov_len", buffers[i].byteSize());
        }
        return iov;
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
