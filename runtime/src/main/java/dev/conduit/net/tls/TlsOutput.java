package dev.conduit.net.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * {@link TlsStream#outputStream()}: its writes as an {@link OutputStream}, each call encrypted and
 * sent before it returns (so {@link #flush()} has nothing to do); closing it closes the stream.
 */
final class TlsOutput extends OutputStream {

    private final TlsStream stream;

    TlsOutput(TlsStream stream) {
        this.stream = stream;
    }

    @Override
    public void write(int b) throws IOException {
        stream.writeAll(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, source.length);
        if (length > 0) {
            stream.writeAll(source, offset, length);
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
