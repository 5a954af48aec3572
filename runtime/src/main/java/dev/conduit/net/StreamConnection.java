package dev.conduit.net;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connected stream socket, TCP ({@link TcpStream}) or Unix ({@link UnixStream}). Reads are
 * serialized with each other, and so are writes, as in the JDK: two threads calling
 * {@link #writeAll} never interleave their bytes, and a read and a write may run at once.
 */
public abstract sealed class StreamConnection extends TypedSocket permits TcpStream, UnixStream {

    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();

    StreamConnection(NativeSocket socket) {
        super(socket);
    }

    /** Reads what has arrived into {@code destination}: see {@link NativeSocket#read(byte[], int, int)}; -1 at end of stream. */
    public int read(byte[] destination, int offset, int length) throws IOException {
        return whileReading(() -> socket.read(destination, offset, length));
    }

    /** {@link #read(byte[], int, int)} into the whole array. */
    public int read(byte[] destination) throws IOException {
        return read(destination, 0, destination.length);
    }

    /** Reads into {@code destination} from its position: see {@link NativeSocket#read(ByteBuffer)}. */
    public int read(ByteBuffer destination) throws IOException {
        return whileReading(() -> socket.read(destination));
    }

    /** Reads into {@code destination}: see {@link NativeSocket#read(MemorySegment)}. */
    public long read(MemorySegment destination) throws IOException {
        readLock.lock(); // not whileReading: no lambda and no boxed result per call on this hot path
        try {
            return socket.read(destination);
        } finally {
            readLock.unlock();
        }
    }

    /** Writes what fits now: see {@link NativeSocket#write(MemorySegment)}. */
    public long write(MemorySegment source) throws IOException {
        writeLock.lock();
        try {
            return socket.write(source);
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes from {@code source}'s position: see {@link NativeSocket#write(ByteBuffer)}. */
    public int write(ByteBuffer source) throws IOException {
        return whileWriting(() -> socket.write(source));
    }

    /** Writes all of {@code source}, as one unit with respect to other writers. */
    public void writeAll(MemorySegment source) throws IOException {
        Objects.requireNonNull(source, "source");
        writeAll(source, 0, source.byteSize());
    }

    /**
     * Writes all of {@code source[offset .. offset + length)}, as one unit with respect to other
     * writers; from native memory nothing is allocated (see {@link NativeSocket#write(MemorySegment, long, long)}).
     *
     * @throws IndexOutOfBoundsException when the range is not inside {@code source}
     */
    public void writeAll(MemorySegment source, long offset, long length) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.checkFromIndexSize(offset, length, source.byteSize());
        writeLock.lock();
        try {
            long written = 0;
            do { // at least once, so an empty write still fails on a closed socket
                written += socket.write(source, offset + written, length - written);
            } while (written < length);
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes all of {@code source}, as one unit with respect to other writers. */
    public void writeAll(byte[] source) throws IOException {
        writeAll(MemorySegment.ofArray(Objects.requireNonNull(source, "source")));
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code position} in the kernel, as one unit with
     * respect to other writers: see {@link NativeSocket#transferFrom}. Linux and macOS.
     *
     * @return the bytes sent; fewer than {@code count} only when the file ends first, the write
     *     timeout passes, or in non-blocking mode
     */
    public long transferFrom(java.nio.file.Path file, long position, long count) throws IOException {
        return whileWriting(() -> socket.transferFrom(file, position, count));
    }

    /** Half-closes: the peer reads end of stream and can still send back; {@code shutdown(SHUT_WR)}. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Stops receiving: later reads see end of stream; {@code shutdown(SHUT_RD)}. */
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    /**
     * The connection's reads as an {@link java.io.InputStream} (end of stream is -1), for code
     * written against java.io; closing it closes the connection.
     */
    public java.io.InputStream inputStream() {
        return new StreamInput(this);
    }

    /** The connection's writes as an {@link java.io.OutputStream}, unbuffered; closing it closes the connection. */
    public java.io.OutputStream outputStream() {
        return new StreamOutput(this);
    }

    /**
     * The connection as a {@link java.nio.channels.ByteChannel} with scattering reads and gathering
     * writes ({@code readv}/{@code writev} for direct buffers); closing it closes the connection.
     */
    public StreamChannel channel() {
        return new StreamChannel(this);
    }

    /** Runs {@code io} holding the read lock, so reads do not interleave. */
    final <T> T whileReading(Io<T> io) throws IOException {
        return locked(readLock, io);
    }

    /** Runs {@code io} holding the write lock, so writes do not interleave. */
    final <T> T whileWriting(Io<T> io) throws IOException {
        return locked(writeLock, io);
    }

    @FunctionalInterface
    interface Io<T> {
        T run() throws IOException;
    }

    private static <T> T locked(ReentrantLock lock, Io<T> io) throws IOException {
        lock.lock();
        try {
            return io.run();
        } finally {
            lock.unlock();
        }
    }
}
