package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as the Java side of the C struct {@link #value()}, so that a {@link SockOpt} method can
 * take or return it: {@code @Struct("linger") record Linger(int l_onoff, int l_linger) {}}. Each component is
 * named after a field of the struct (the record may leave fields out: they are 0 when set, ignored when
 * read) and carries it in every variant:
 * <ul>
 *   <li>{@code int}, {@code long}, {@code short}, {@code byte} or {@code boolean} for a scalar field. A value
 *       is widened where the C field is wider and range-checked where it is narrower
 *       ({@code IllegalArgumentException} naming the field and its range), so {@code long tv_usec} serves
 *       Linux's 64-bit and macOS's 32-bit {@code timeval.tv_usec}; {@code boolean} is nonzero. An unsigned C
 *       field is its signed Java carrier, as jextract gives it ({@code uint32_t} is an {@code int}).</li>
 *   <li>{@code byte[]} for a nested struct, union or array field ({@code struct in_addr},
 *       {@code struct in6_addr}): set copies the bytes to the field's start (at most the field's size) and
 *       leaves the rest 0; get returns all of the field's bytes.</li>
 * </ul>
 * Only the {@code @SocketOps} methods that use the record are checked against the bindings.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Struct {

    /** The C struct tag, e.g. {@code "linger"} or {@code "timeval"}. */
    String value();
}
