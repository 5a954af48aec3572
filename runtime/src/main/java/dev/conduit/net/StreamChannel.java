package dev.conduit.net;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.util.Objects;

/**
 * {@link StreamConnection#channel()}: the connection as a {@link ByteChannel} with scattering reads
 * and gathering writes, for code written against java.nio. Direct buffers go to the kernel as they
 * are, several at a time through {@code readv}/{@code writev}; heap buffers one at a time through
 * the connection's bounded copy. Reads and writes are serialized as the connection's are.
 */
public final class StreamChannel implements ByteChannel, ScatteringByteChannel, GatheringByteChannel {

    /** How many buffers one vectored call takes at most: well under every platform's IOV_MAX. */
    private static final int MAX_VECTOR = 64;

    private final StreamConnection connection;

    StreamChannel(StreamConnection connection) {
        this.connection = connection;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        ensureOpen();
        return connection.read(destination);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        ensureOpen();
        return connection.write(source);
    }

    @Override
    public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, destinations.length);
        ensureOpen();
        int count = Math.min(length, MAX_VECTOR);
        if (!allDirect(destinations, offset, count)) {
            return length == 0 ? 0 : read(firstWithRoom(destinations, offset, length));
        }
        MemorySegment[] segments = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            segments[i] = MemorySegment.ofBuffer(destinations[offset + i]);
        }
        long read = connection.whileReading(() -> connection.socket().read(segments));
        advance(destinations, offset, count, read);
        return read;
    }

    @Override
    public long read(ByteBuffer[] destinations) throws IOException {
        return read(destinations, 0, destinations.length);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, sources.length);
        ensureOpen();
        int count = Math.min(length, MAX_VECTOR);
        if (!allDirect(sources, offset, count)) {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                int remaining = sources[i].remaining();
                int n = write(sources[i]);
                written += n;
                if (n < remaining) {
                    break; // a short write: the caller comes back for the rest
                }
            }
            return written;
        }
        MemorySegment[] segments = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            segments[i] = MemorySegment.ofBuffer(sources[offset + i]);
        }
        long written = connection.whileWriting(() -> connection.socket().write(segments));
        advance(sources, offset, count, written);
        return written;
    }

    @Override
    public long write(ByteBuffer[] sources) throws IOException {
        return write(sources, 0, sources.length);
    }

    @Override
    public boolean isOpen() {
        return !connection.isClosed();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (connection.isClosed()) {
            throw new ClosedChannelException();
        }
    }

    private static boolean allDirect(ByteBuffer[] buffers, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            if (!Objects.requireNonNull(buffers[i], "buffer").isDirect()) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer firstWithRoom(ByteBuffer[] buffers, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i].hasRemaining()) {
                return buffers[i];
            }
        }
        return buffers[offset];
    }

    /** Moves the buffers' positions past {@code bytes}, filled or sent in order. */
    private static void advance(ByteBuffer[] buffers, int offset, int count, long bytes) {
        long left = Math.max(0, bytes);
        for (int i = offset; i < offset + count && left > 0; i++) {
            int step = (int) Math.min(left, buffers[i].remaining());
            buffers[i].position(buffers[i].position() + step);
            left -= step;
        }
    }
}
