package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code String name()} returns the variant an implementation serves ({@code "linux-x86_64"}).
 * Implementations link nothing until first use, so any variant's can be created on any platform
 * to ask this.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface VariantName {
}
