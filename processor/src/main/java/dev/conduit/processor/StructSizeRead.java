package dev.conduit.processor;

import javax.lang.model.element.ExecutableElement;

/** {@code @StructSize}: {@code sizeof(struct tag)} as {@code int} or {@code long}. */
record StructSizeRead(ExecutableElement method, String tag, Carrier result) implements Operation {

    @Override
    public String does() {
        return "returns sizeof(struct " + tag + ") as " + result.javaName();
    }
}
