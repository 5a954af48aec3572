package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reads a socket address written by the kernel.
 *
 * <p>Without a {@link #family()}: {@code InetSocketAddress name(MemorySegment src)}.
 * Understands {@code AF_INET} and {@code AF_INET6}; any other family throws
 * {@code IllegalArgumentException} naming it and the variant, as does a {@code src} too small for its
 * family's struct. {@code src} must be aligned for the struct, as memory from an {@code Arena} is.
 * An {@code AF_INET6} address is always an {@code Inet6Address} (an IPv4-mapped one is not turned into
 * an {@code Inet4Address}), with its scope id unless that is 0; its {@code sin6_flowinfo} is dropped, as an
 * {@code InetSocketAddress} cannot carry it.
 *
 * <p>{@code family = "AF_UNIX"}: {@code byte[] name(MemorySegment src, int length)}, where {@code length} is
 * the {@code socklen_t} the kernel reported ({@code getsockname}, {@code getpeername}, {@code accept},
 * {@code recvfrom}). Returns the bytes of {@code sun_path} within it: a filesystem path up to (not including)
 * its first NUL; on Linux, an abstract name (first byte 0) as all {@code length - offsetof(sun_path)} bytes,
 * the leading 0 included; an empty array for an unnamed socket ({@code length} up to the offset of
 * {@code sun_path}). Bytes beyond {@code sun_path} (Linux reports one more for a path that fills it without a
 * NUL) are not read. A negative {@code length}, a {@code src} smaller than the bytes it covers or a family
 * other than {@code AF_UNIX} throws {@code IllegalArgumentException}.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DecodeSockaddr {

    /** {@code "AF_UNIX"}, or empty (the default) for an {@code AF_INET} or {@code AF_INET6} address. */
    String family() default "";
}
