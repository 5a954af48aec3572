package dev.conduit.net.tls;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a {@link TlsEngineCore}'s records go: a connected stream socket, blocking or not. */
interface Transport {

    /** Reads into {@code destination}: bytes read, 0 when a non-blocking socket has none, -1 at end of stream. */
    int read(ByteBuffer destination) throws IOException;

    /** Writes from {@code source}: bytes written, 0 when a non-blocking socket has no room. */
    int write(ByteBuffer source) throws IOException;
}
