package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The variant's FFM layout of the C struct or typedef {@link #value()}, as its bindings declare it:
 * {@code <struct>.layout()} for a struct ({@code "sockaddr_storage"}), the header class's field
 * {@code Libc.<typedef>} for a typedef ({@code "socklen_t"}); a name that is both is the struct.
 * The method takes no arguments and returns the binding's type or a supertype of it:
 * {@code GroupLayout} (or {@code StructLayout}, or {@code MemoryLayout}) for a struct, the typedef's
 * exact type ({@code ValueLayout.OfInt} for {@code socklen_t}) or a supertype such as
 * {@code ValueLayout} for a typedef whose width differs between variants ({@code nfds_t}). If a
 * variant's layout is not of the declared type, compilation fails naming that variant, so code may rely
 * on the type ({@code arena.allocateFrom(socklenLayout(), n)} needs an {@code OfInt}). Calling the
 * method initializes the variant's bindings class; creating the implementation does not.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Layout {

    /** The struct tag or typedef name, e.g. {@code "sockaddr_storage"} or {@code "socklen_t"}. */
    String value();

    /** Variants without the struct or typedef; there the method throws {@code UnsupportedOperationException}. */
    String[] unavailableOn() default {};
}
