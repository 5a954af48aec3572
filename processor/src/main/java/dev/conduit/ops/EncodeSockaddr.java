package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Writes a socket address of {@link #family()} in the variant's layout (BSD {@code sin_len}, family
 * width, network-order port) and returns its length: {@code int name(MemorySegment dst, byte[] address, int port)}.
 * {@code AF_INET} fills {@code sockaddr_in} (4-byte address); {@code AF_INET6} fills {@code sockaddr_in6}
 * (16-byte address), and may also take the flow info and scope id:
 * {@code int name(MemorySegment dst, byte[] address, int port, int flowInfo, int scopeId)} writes
 * {@code sin6_flowinfo} in network byte order (as Linux and the BSDs keep it) and {@code sin6_scope_id}
 * (an interface index) in host order; without them both are 0. Bad lengths, a port outside 0..65535 or a
 * too small {@code dst} throw
 * {@code IllegalArgumentException}; a null argument {@code NullPointerException} naming it. {@code dst} must
 * be aligned for the struct, as memory from an {@code Arena} is (the bindings' field accessors check it).
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EncodeSockaddr {

    /** {@code "AF_INET"} or {@code "AF_INET6"}. */
    String family();
}
