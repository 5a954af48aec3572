package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A socket option by its C names: {@code void name(int fd, V value)} calls {@code setsockopt},
 * {@code V name(int fd)} calls {@code getsockopt}, where {@code V} is {@code int} or {@code boolean} (a C
 * {@code int}, nonzero for true) or a record annotated {@link Struct} (that C struct, in each variant's
 * layout). The option's length is the variant's {@code socklen_t}. Errors as for {@link SocketOp}.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SockOpt {

    /** The level constant, e.g. {@code "SOL_SOCKET"} or {@code "IPPROTO_TCP"}. */
    String level();

    /** The option constant, e.g. {@code "SO_REUSEADDR"}. */
    String name();

    /**
     * Where the option has another C name: entries {@code "<variant glob>=<C name>"}, globs as for
     * {@link #unavailableOn()}, e.g. {@code name = "TCP_KEEPIDLE", nameOn = "macos-*=TCP_KEEPALIVE"}, or
     * {@code name = "SO_LINGER", nameOn = "macos-*=SO_LINGER_SEC"} (macOS's SO_LINGER counts ticks). At most
     * one entry per variant, and none for a variant in {@code unavailableOn}.
     */
    String[] nameOn() default {};

    /** Variants without the option; there the method throws {@code UnsupportedOperationException}. */
    String[] unavailableOn() default {};
}
