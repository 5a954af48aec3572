package dev.conduit.processor;

import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @Layout}: the FFM layout of a C struct or typedef in the variant.
 *
 * @param sources       per available variant name, where its bindings declare the layout
 * @param unavailableOn variant names where the method throws {@code UnsupportedOperationException}
 */
record LayoutRead(
        ExecutableElement method,
        String name,
        Map<String, Source> sources,
        Set<String> unavailableOn) implements Operation {

    /** What the name is in a variant's bindings. */
    enum Kind {
        /** {@code <name>.layout()}, a {@code GroupLayout}. */
        STRUCT,
        /** The header class's field {@code Libc.<name>}. */
        TYPEDEF
    }

    /**
     * One variant's layout.
     *
     * @param castToStruct whether the method returns {@code StructLayout}, which jextract's
     *                     {@code GroupLayout layout()} of a struct is at run time but not in its type
     */
    record Source(Kind kind, boolean castToStruct) {
    }

    @Override
    public String does() {
        return "returns the layout of " + name;
    }
}
