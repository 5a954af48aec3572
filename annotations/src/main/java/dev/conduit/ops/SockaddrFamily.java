package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reads the family of any socket address, at the offset and width of the variant's
 * {@code sockaddr.sa_family} (a {@code uint16_t} first on Linux, a {@code uint8_t} after {@code sa_len} on the
 * BSDs): {@code int name(MemorySegment src)}, never negative. Compare it with the {@code AF_*} constants to
 * choose the decoder of an address the kernel returned. {@code src} must be aligned for {@code sockaddr}
 * and hold its family field, as a {@code sockaddr_storage} from an {@code Arena} does; a null {@code src}
 * throws {@code NullPointerException}.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SockaddrFamily {
}
