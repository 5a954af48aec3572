package dev.conduit.net.sys;

import dev.conduit.net.PeerCredentials;
import dev.conduit.net.TruncatedControlDataException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What only Unix-domain sockets have: the peer's credentials, and descriptors passed in
 * {@code SCM_RIGHTS} control messages. Received descriptors are close-on-exec from the start where
 * the platform can ({@code MSG_CMSG_CLOEXEC} on Linux), else right after ({@code fcntl}, macOS), and
 * none is ever left open unless handed to the caller.
 */
final class PosixUnix {

    private final Posix posix;
    private final ControlMessages control;
    private final MessageHeaders headers;
    private final int sendFlags;

    PosixUnix(Posix posix, MessageHeaders headers) {
        this.posix = posix;
        this.control = new ControlMessages(posix);
        this.headers = headers;
        this.sendFlags = posix.msgNoSignal().orElse(0);
    }

    PeerCredentials peerCredentials(int fd) throws IOException {
        if (posix.soPeercred().isPresent()) {
            Ucred peer = posix.peerCredentials(fd);
            return new PeerCredentials(OptionalLong.of(peer.pid()), peer.uid(), peer.gid());
        }
        Xucred peer = posix.peerXucred(fd);
        int firstGroup = MemorySegment.ofArray(peer.cr_groups()).get(ValueLayout.JAVA_INT_UNALIGNED, 0);
        return new PeerCredentials(OptionalLong.of(posix.peerPid(fd)), peer.cr_uid(), firstGroup);
    }

    /** {@code sendmsg} with SCM_RIGHTS; with {@code now}, WOULD_BLOCK (-2) instead of waiting. */
    long send(int fd, MemorySegment data, int[] fds, boolean now) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment descriptors = arena.allocateFrom(ValueLayout.JAVA_INT, fds);
            MemorySegment controlBuffer = arena.allocate(control.space(descriptors.byteSize()), Long.BYTES);
            control.write(controlBuffer, posix.solSocket(), posix.scmRights(), descriptors);
            MemorySegment message = headers.of(arena, MemorySegment.NULL, data, controlBuffer);
            return now ? posix.sendmsgNow(fd, message, sendFlags) : posix.sendmsg(fd, message, sendFlags);
        }
    }

    /** {@code recvmsg} with room for descriptors; with {@code now}, null instead of waiting. */
    SocketSystem.DescriptorMessage receive(int fd, MemorySegment buffer, int maxDescriptors, boolean now)
            throws IOException {
        OptionalInt cloexec = posix.msgCmsgCloexec();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment controlBuffer = arena.allocate(control.space((long) Integer.BYTES * maxDescriptors), Long.BYTES);
            MemorySegment message = headers.of(arena, MemorySegment.NULL, buffer, controlBuffer);
            MemorySegment callState = arena.allocate(posix.callStateLayout());
            long received = now ? posix.recvmsgNow(fd, message, cloexec.orElse(0), callState)
                    : posix.recvmsg(fd, message, cloexec.orElse(0), callState);
            if (received == -2) { // would block: nothing arrived, so no descriptor either
                return null;
            }
            int[] fds = descriptors(controlBuffer, headers.controlLength(message));
            try {
                if ((headers.flags(message) & posix.msgCtrunc()) != 0) {
                    throw new TruncatedControlDataException("the peer sent more descriptors than the " + maxDescriptors
                            + " asked for (MSG_CTRUNC); the " + fds.length + " that arrived were closed");
                }
                if (cloexec.isEmpty()) {
                    for (int d : fds) {
                        posix.fcntl(d, posix.fSetfd(), posix.fdCloexec());
                    }
                }
                return new SocketSystem.DescriptorMessage(received, fds);
            } catch (IOException | RuntimeException failure) {
                for (int d : fds) {
                    try {
                        posix.close(d);
                    } catch (IOException closeFailure) {
                        failure.addSuppressed(closeFailure);
                    }
                }
                throw failure;
            }
        }
    }

    private int[] descriptors(MemorySegment controlBuffer, long length) {
        List<Integer> fds = new ArrayList<>();
        for (ControlMessages.Message m : control.parse(controlBuffer, length)) {
            if (m.level() == posix.solSocket() && m.type() == posix.scmRights()) {
                for (long at = 0; at + Integer.BYTES <= m.data().byteSize(); at += Integer.BYTES) {
                    fds.add(m.data().get(ValueLayout.JAVA_INT_UNALIGNED, at));
                }
            }
        }
        return fds.stream().mapToInt(Integer::intValue).toArray();
    }
}
