package dev.conduit.processor;

import javax.lang.model.element.ExecutableElement;

/** {@code @VariantName}: {@code String m()} returning the variant's name. */
record VariantNameRead(ExecutableElement method) implements Operation {

    @Override
    public String does() {
        return "returns the variant name";
    }
}
