package dev.conduit.processor;

import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @EncodeSockaddr}: {@code int m(MemorySegment dst, byte[] address, int port)}, for AF_INET6 also
 * {@code int m(MemorySegment dst, byte[] address, int port, int flowInfo, int scopeId)}.
 *
 * @param flowAndScope whether the method takes the flow info and scope id (else they stay 0)
 * @param layouts      per variant name, the Java types of the struct's length and family fields
 */
record SockaddrEncode(ExecutableElement method, SockaddrFamily family, boolean flowAndScope,
        Map<String, SockaddrFields> layouts) implements Operation {

    @Override
    public String does() {
        return "encodes " + family.constant() + " addresses" + (flowAndScope ? " with flow info and scope id" : "");
    }
}
