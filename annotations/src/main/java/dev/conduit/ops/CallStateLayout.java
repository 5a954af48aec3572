package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The layout of the segment a {@link CallState} parameter takes, {@code Linker.Option.captureStateLayout()}:
 * {@code StructLayout callStateLayout()} (or {@code GroupLayout}, or {@code MemoryLayout}), so that callers
 * allocate it without knowing its size or alignment: {@code arena.allocate(ops.callStateLayout())}.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CallStateLayout {
}
