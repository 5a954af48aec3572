package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose methods describe native socket operations by their C names. The
 * processor generates one implementation per variant, named {@code <Interface>_<os>_<arch>}, that
 * links its downcalls from that variant's jextract bindings ({@code dev.conduit.headers.<os>.<arch>.Libc}).
 * It also writes {@code META-INF/services/<interface>}; a named module must add the matching
 * {@code provides} clause to its {@code module-info.java} (the processor checks it).
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SocketOps {

    /** The variants to generate, e.g. {@code "linux-x86_64"}; each needs a bindings package. */
    String[] variants();

    /**
     * The class whose {@code public static IOException forErrno(String function, String errnoName, int errno)}
     * turns a failed call into a typed exception.
     */
    Class<?> errors();
}
