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
 * so the method must declare {@code throws IOException} (unless {@link #captureErrno()} is false). With
 * {@link #returnWouldBlock()}, {@code EAGAIN}, {@code EWOULDBLOCK} and {@code EINPROGRESS} return
 * {@link #WOULD_BLOCK} instead.
 *
 * <p>Each call allocates its capture segment in a confined arena, unless the method's last parameter is a
 * {@link CallState} {@code MemorySegment}: then the call captures errno there and allocates nothing.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SocketOp {

    /**
     * What a {@link #returnWouldBlock()} method returns when the call would have to wait: {@code -2}, the
     * JDK's {@code IOStatus.UNAVAILABLE}. No successful {@code recv}, {@code send}, {@code accept} or
     * {@code connect} returns it. A compile-time constant, so code using it needs this class only to compile.
     */
    int WOULD_BLOCK = -2;

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

    /**
     * Return {@link #WOULD_BLOCK} instead of throwing when the call fails with {@code EAGAIN},
     * {@code EWOULDBLOCK} or {@code EINPROGRESS} (compared with the variant's values of those constants):
     * for a non-blocking socket, whose caller then waits for readiness ({@code poll}) and tries again, or,
     * after {@code connect}, checks {@code SO_ERROR}. Other errnos behave as without it. The method must
     * return {@code int} or {@code long} (declare {@code connect} as {@code int} to use it) and capture errno.
     */
    boolean returnWouldBlock() default false;
}
