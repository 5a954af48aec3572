package dev.conduit.net.sys;

import dev.conduit.net.ErrnoException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Files sent to sockets by the kernel, from the page cache, without passing through user memory:
 * {@code sendfile(2)}. Linux's and Darwin's differ: Linux takes (socket, file, *offset, count) and
 * returns the bytes sent; Darwin takes (file, socket, offset, *length, ...) and returns 0 or -1,
 * with {@code *length} the bytes sent in both cases, also when EAGAIN or EINTR follow a partial send.
 */
final class PosixSendFile {

    private static final int WOULD_BLOCK = -2;
    private static final int NO_FLAGS = 0;
    /** open(2)'s mode, read only with O_CREAT. */
    private static final int NO_MODE = 0;

    private final Posix posix;
    private final boolean darwin;

    PosixSendFile(Posix posix) {
        this.posix = posix;
        this.darwin = posix.variant().startsWith("macos-");
    }

    /** {@code open(path, O_RDONLY | O_CLOEXEC)}, with the {@code java.nio.file} exceptions for a missing or forbidden file. */
    int openForReading(String path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return posix.open(arena.allocateFrom(path), posix.oRdonly() | posix.oCloexec(), NO_MODE);
        } catch (ErrnoException failure) {
            throw switch (failure.errnoName()) {
                case "ENOENT", "ENOTDIR" -> new NoSuchFileException(path);
                case "EACCES", "EPERM" -> new AccessDeniedException(path);
                default -> SocketErrors.withContext(failure, path);
            };
        }
    }

    /**
     * One {@code sendfile} of up to {@code count} (at least 1) bytes from {@code position}: the bytes
     * sent, 0 at end of file, or with {@code now} WOULD_BLOCK when none could be. {@code offset} is
     * native memory of {@code off_t}'s size the call uses.
     */
    long send(int socket, int file, long position, long count, MemorySegment offset, MemorySegment callState,
              boolean now) throws IOException {
        if (!darwin) {
            offset.set(posix.offTLayout(), 0, position);
            return now ? posix.sendfileNow(socket, file, offset, count, callState)
                    : posix.sendfile(socket, file, offset, count, callState);
        }
        while (true) {
            offset.set(posix.offTLayout(), 0, count); // in: at most this many (0 would mean "to the end")
            boolean interrupted = false;
            int result;
            try {
                result = posix.sendfileDarwinNow(file, socket, position, offset, MemorySegment.NULL, NO_FLAGS, callState);
            } catch (ErrnoException failure) {
                if (!failure.errnoName().equals("EINTR")) {
                    throw failure;
                }
                interrupted = true;
                result = -1;
            }
            long sent = offset.get(posix.offTLayout(), 0); // out: the bytes sent, whatever the result
            if (sent > 0 || result == 0) {
                return sent; // 0 with result 0: end of file
            }
            if (!interrupted) { // EAGAIN with nothing sent
                if (now) {
                    return WOULD_BLOCK;
                }
                throw new SocketTimeoutException("sendfile: EAGAIN"); // a blocking socket's SO_SNDTIMEO expired
            }
        }
    }
}
