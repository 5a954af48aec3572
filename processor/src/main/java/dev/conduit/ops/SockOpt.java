package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@code int}-valued socket option by its C names: {@code void name(int fd, boolean|int value)}
 * calls {@code setsockopt}, {@code boolean|int name(int fd)} calls {@code getsockopt}. Errors as for
 * {@link SocketOp}.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SockOpt {

    /** The level constant, e.g. {@code "SOL_SOCKET"} or {@code "IPPROTO_TCP"}. */
    String level();

    /** The option constant, e.g. {@code "SO_REUSEADDR"}. */
    String name();

    /** Variants without the option; there the method throws {@code UnsupportedOperationException}. */
    String[] unavailableOn() default {};
}
