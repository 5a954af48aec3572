package dev.conduit.net.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;

/**
 * {@link TlsStream#channel()}: the stream as a {@link ByteChannel}. A write sends all of the
 * buffer (the stream is blocking); a read returns what one record or more gave. Closing it closes
 * the stream.
 */
final class TlsChannel implements ByteChannel {

    private final TlsStream stream;

    TlsChannel(TlsStream stream) {
        this.stream = stream;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        ensureOpen();
        return stream.read(destination);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        ensureOpen();
        int remaining = source.remaining();
        stream.write(source);
        return remaining;
    }

    @Override
    public boolean isOpen() {
        return !stream.isClosed();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (stream.isClosed()) {
            throw new ClosedChannelException();
        }
    }
}
