package dev.conduit.net.sys;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Ancillary data of {@code sendmsg}/{@code recvmsg} as C's CMSG_* macros lay it out, with their
 * values taken from the variant's headers ({@code CONDUIT_CMSG_*}, evaluated by the platform's own
 * macros) and the {@code cmsghdr} fields read at the bindings' widths: the alignment is 8 on 64-bit
 * Linux and 4 on Darwin, and no code here knows which.
 */
final class ControlMessages {

    /** One control message: its level and type, and its data (a slice of the control buffer). */
    record Message(int level, int type, MemorySegment data) {
    }

    private final long alignment;
    private final long headerSpace;
    private final long dataOffset;
    private final StructFields cmsghdr;

    ControlMessages(Posix posix) {
        this.alignment = posix.cmsgAlignment();
        this.headerSpace = posix.cmsgHeaderSpace();
        this.dataOffset = posix.cmsgDataOffset();
        this.cmsghdr = new StructFields(posix.cmsghdrLayout());
    }

    /** CMSG_SPACE(dataBytes): the room one message with that much data takes in a control buffer. */
    long space(long dataBytes) {
        return headerSpace + align(dataBytes);
    }

    /** CMSG_LEN(dataBytes): the {@code cmsg_len} of such a message. */
    long length(long dataBytes) {
        return dataOffset + dataBytes;
    }

    /** Writes one message at the start of {@code at} (which has {@link #space} room); returns the room used. */
    long write(MemorySegment at, int level, int type, MemorySegment data) {
        cmsghdr.set(at, "cmsg_len", length(data.byteSize()));
        cmsghdr.set(at, "cmsg_level", level);
        cmsghdr.set(at, "cmsg_type", type);
        MemorySegment.copy(data, 0, at, dataOffset, data.byteSize());
        return space(data.byteSize());
    }

    /**
     * The messages in the first {@code length} bytes of {@code control}, as CMSG_FIRSTHDR and
     * CMSG_NXTHDR walk them; a message whose {@code cmsg_len} runs past the end ends the walk.
     */
    List<Message> parse(MemorySegment control, long length) {
        List<Message> messages = new ArrayList<>();
        long at = 0;
        while (at + headerSpace <= length) {
            MemorySegment header = control.asSlice(at);
            long messageLength = cmsghdr.get(header, "cmsg_len");
            if (messageLength < dataOffset || at + messageLength > length) {
                break;
            }
            messages.add(new Message((int) cmsghdr.get(header, "cmsg_level"), (int) cmsghdr.get(header, "cmsg_type"),
                    control.asSlice(at + dataOffset, messageLength - dataOffset)));
            at += align(messageLength);
        }
        return messages;
    }

    private long align(long bytes) {
        return (bytes + alignment - 1) / alignment * alignment;
    }
}
