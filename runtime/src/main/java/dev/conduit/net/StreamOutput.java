package dev.conduit.net;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * {@link StreamConnection#outputStream()}: writes to the connection as an {@link OutputStream}, each
 * call sent whole before it returns ({@link StreamConnection#writeAll}); nothing is buffered, so
 * {@link #flush()} has nothing to do. Closing it closes the connection, as for {@link java.net.Socket}.
 */
final class StreamOutput extends OutputStream {

    private final StreamConnection connection;

    StreamOutput(StreamConnection connection) {
        this.connection = connection;
    }

    @Override
    public void write(int b) throws IOException {
        connection.writeAll(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, source.length);
        if (length > 0) {
            connection.writeAll(MemorySegment.ofArray(source).asSlice(offset, length));
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
