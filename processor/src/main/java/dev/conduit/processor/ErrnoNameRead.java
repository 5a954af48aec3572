package dev.conduit.processor;

import javax.lang.model.element.ExecutableElement;

/** {@code @ErrnoName}: {@code String m(int errno)} returning the variant's name for an errno value. */
record ErrnoNameRead(ExecutableElement method) implements Operation {

    @Override
    public String does() {
        return "names errno values";
    }
}
