package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The variant's value of the C constant {@link #value()} ({@code AF_INET}, {@code EINPROGRESS}).
 * The method returns {@code int} or {@code long}; or {@code OptionalInt}, which is empty where the
 * variant lacks the constant (no error then: the caller decides).
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Constant {

    String value();

    /**
     * Where the constant has another C name, as for {@link SockOpt#nameOn()}: {@code @Constant(value =
     * "TCP_KEEPIDLE", nameOn = "macos-*=TCP_KEEPALIVE")} is the keep-alive idle time option everywhere.
     */
    String[] nameOn() default {};

    /** Variants without the constant; there the method throws {@code UnsupportedOperationException}. */
    String[] unavailableOn() default {};
}
