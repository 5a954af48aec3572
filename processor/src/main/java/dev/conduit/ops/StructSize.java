package dev.conduit.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** {@code sizeof(struct value)} in the variant: {@code int name()} or {@code long name()}. */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface StructSize {

    /** The struct tag, e.g. {@code "sockaddr_storage"}. */
    String value();
}
