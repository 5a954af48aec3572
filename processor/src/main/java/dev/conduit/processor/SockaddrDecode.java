package dev.conduit.processor;

import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @DecodeSockaddr}: {@code InetSocketAddress m(MemorySegment src)}.
 *
 * @param familyType per variant name, the Java type of {@code sockaddr.sa_family}
 */
record SockaddrDecode(ExecutableElement method, Map<String, Carrier> familyType) implements Operation {

    @Override
    public String does() {
        return "decodes socket addresses";
    }
}
