package dev.conduit.processor;

import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @SockaddrFamily}: {@code int m(MemorySegment src)}, the family of any socket address.
 *
 * @param familyType per variant name, the Java type of {@code sockaddr.sa_family}
 */
record SockaddrFamilyRead(ExecutableElement method, Map<String, Carrier> familyType) implements Operation {

    @Override
    public String does() {
        return "reads the family of socket addresses";
    }
}
