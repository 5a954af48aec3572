package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the last parameter of a {@link SocketOp} or {@link SockOpt} method as the caller's capture-state
 * segment, a {@code MemorySegment}: the call captures errno into it instead of allocating one per call in a
 * confined arena. Allocate it once per thread (or per socket operation in flight) from a method annotated
 * {@link CallStateLayout}: {@code arena.allocate(ops.callStateLayout())}. The generated method throws
 * {@code IllegalArgumentException} for a segment that is not native, is smaller than that layout or is not
 * aligned to it. A segment is used by one call at a time: the next call overwrites what it holds.
 *
 * <p>For {@code @SockOpt} only the capture segment is the caller's: the option value and its length are
 * still allocated in a confined arena per call.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface CallState {
}
