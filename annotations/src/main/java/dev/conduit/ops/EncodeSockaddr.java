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
 *
 * <p>{@code AF_UNIX} fills {@code sockaddr_un}: {@code int name(MemorySegment dst, byte[] path)}. The length
 * returned (and, where the struct has it, {@code sun_len}) is the offset of {@code sun_path} plus:
 * <ul>
 * <li>for a filesystem path (not empty, no NUL byte), its length and 1 for the NUL that ends it in
 *     {@code sun_path}, which both must fit;
 * <li>for an empty {@code path}, nothing: the unnamed address (on Linux, {@code bind} to it autobinds);
 * <li>for a path starting with a NUL byte, a Linux abstract name, its length (no NUL is added). Other
 *     variants have no abstract names and throw {@code IllegalArgumentException}.
 * </ul>
 * A path too long for the variant's {@code sun_path}, or a filesystem path with a NUL byte inside, throws
 * {@code IllegalArgumentException} naming the limit.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EncodeSockaddr {

    /** {@code "AF_INET"}, {@code "AF_INET6"} or {@code "AF_UNIX"}. */
    String family();
}
