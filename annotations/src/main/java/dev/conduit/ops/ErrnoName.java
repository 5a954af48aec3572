package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code String name(int errno)} returns the variant's symbolic name for an errno value
 * ({@code "ECONNREFUSED"}), from every {@code E*} constant in its bindings, or {@code "errno <n>"}.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ErrnoName {
}
