package dev.conduit.net.tls;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** {@link TlsStream#inputStream()}: its reads as an {@link InputStream}; closing it closes the stream. */
final class TlsInput extends InputStream {

    private final TlsStream stream;

    TlsInput(TlsStream stream) {
        this.stream = stream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return stream.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] destination, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, destination.length);
        return length == 0 ? 0 : stream.read(destination, offset, length);
    }

    @Override
    public int available() {
        return stream.available();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
