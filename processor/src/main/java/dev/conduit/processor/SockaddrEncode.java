package dev.conduit.processor;

import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @EncodeSockaddr}: {@code int m(MemorySegment dst, byte[] address, int port)}.
 *
 * @param layouts per variant name, the Java types of the struct's length and family fields
 */
record SockaddrEncode(ExecutableElement method, SockaddrFamily family, Map<String, SockaddrFields> layouts)
        implements Operation {

    @Override
    public String does() {
        return "encodes " + family.constant() + " addresses";
    }
}
