package dev.conduit.processor;

import javax.lang.model.element.ExecutableElement;

/** {@code @CallStateLayout}: {@code StructLayout m()} returning the layout a {@code @CallState} segment needs. */
record CallStateLayoutRead(ExecutableElement method) implements Operation {

    @Override
    public String does() {
        return "returns the call state layout";
    }
}
