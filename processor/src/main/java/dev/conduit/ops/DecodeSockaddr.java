package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reads a socket address written by the kernel: {@code InetSocketAddress name(MemorySegment src)}.
 * Understands {@code AF_INET} and {@code AF_INET6}; any other family throws
 * {@code IllegalArgumentException} naming it and the variant, as does a {@code src} too small for its
 * family's struct. {@code src} must be aligned for the struct, as memory from an {@code Arena} is.
 * An {@code AF_INET6} address is always an {@code Inet6Address} (an IPv4-mapped one is not turned into
 * an {@code Inet4Address}), with its scope id unless that is 0; its {@code sin6_flowinfo} is dropped, as an
 * {@code InetSocketAddress} cannot carry it.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DecodeSockaddr {
}
