package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A call of the C function {@link #fn()}. Parameters and return type must match the bindings'
 * Java signature ({@code int}, {@code long}, {@code MemorySegment}) in every variant, with two
 * allowances for C types whose width differs between variants (such as {@code nfds_t}, a long on Linux
 * and an int on macOS): an {@code int} where a variant takes a {@code long} is widened, and a
 * {@code long} where it takes an {@code int} is range-checked ({@code IllegalArgumentException}); a
 * {@code long} result may come from an {@code int} one. A {@code void} method checks, then discards, an
 * {@code int} or {@code long} result. For a variadic function ({@code fcntl}) the parameters after the
 * fixed ones are the variadic arguments, passed as their Java types ({@code int}, {@code long},
 * {@code double}, {@code MemorySegment}).
 *
 * <p>A result of {@code -1} reads the captured errno, retries on {@code EINTR} (unless
 * {@link #retryOnEintr()} is false) and otherwise throws {@code errors().forErrno(fn, errnoName, errno)},
 * so the method must declare {@code throws IOException} (unless {@link #captureErrno()} is false).
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SocketOp {

    /** The C function's name, as in the bindings. */
    String fn();

    /**
     * Variants (glob on either side of the dash: {@code "macos-*"}) that lack the function; there the
     * generated method throws {@code UnsupportedOperationException} naming the variant.
     */
    String[] unavailableOn() default {};

    /**
     * False for calls whose EINTR must not be retried: {@code close} (the fd is gone already on Linux)
     * and {@code connect} (the connection goes on asynchronously).
     */
    boolean retryOnEintr() default true;

    /**
     * Link with {@code Linker.Option.critical(false)}: only for calls that cannot block. The JDK forbids
     * it together with errno capture, so it requires {@code captureErrno = false}.
     */
    boolean critical() default false;

    /** Capture errno with {@code Linker.Option.captureCallState("errno")}; false returns the raw result. */
    boolean captureErrno() default true;
}
