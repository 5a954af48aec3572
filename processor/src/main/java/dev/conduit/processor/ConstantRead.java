package dev.conduit.processor;

import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @Constant}: a C constant's value in the variant.
 *
 * @param constant      its C name in each variant
 * @param presentOn     variant names whose bindings have the constant
 * @param unavailableOn variant names where the method throws {@code UnsupportedOperationException}
 */
record ConstantRead(
        ExecutableElement method,
        VariantNames constant,
        Kind kind,
        Set<String> presentOn,
        Set<String> unavailableOn) implements Operation {

    /** The method's return type. */
    enum Kind {
        INT, LONG, OPTIONAL_INT
    }

    @Override
    public String does() {
        return "returns constant " + constant.describe() + " as " + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
