package dev.conduit.processor;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @DecodeSockaddr}: {@code InetSocketAddress m(MemorySegment src)}, or with
 * {@code family = "AF_UNIX"} {@code byte[] m(MemorySegment src, int length)}.
 *
 * @param family     {@link SockaddrFamily#UNIX}, or empty for an AF_INET or AF_INET6 address
 * @param familyType per variant name, the Java type of the family field it reads: {@code sockaddr.sa_family},
 *                   or {@code sockaddr_un.sun_family} for AF_UNIX
 */
record SockaddrDecode(ExecutableElement method, Optional<SockaddrFamily> family, Map<String, Carrier> familyType)
        implements Operation {

    @Override
    public String does() {
        return family.map(f -> "decodes " + f.constant() + " addresses").orElse("decodes socket addresses");
    }
}
