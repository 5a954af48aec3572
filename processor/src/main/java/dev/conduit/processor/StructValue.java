package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Map;

/**
 * A {@code @Struct} record as a socket option value: which C struct it stands for and, per component, the
 * field it carries in each variant.
 *
 * @param type the record
 * @param tag  the C struct tag, e.g. {@code linger}
 */
record StructValue(ClassName type, String tag, List<Component> components) {

    /**
     * One record component and the field of the same name.
     *
     * @param type   the component's Java type: a primitive, or {@link Carrier#SEGMENT} for {@code byte[]} (the
     *               bytes of a nested struct, union or array field)
     * @param fields per variant name, the field's carrier in its bindings ({@code SEGMENT} for a nested one)
     */
    record Component(String name, Carrier type, Map<String, Carrier> fields) {

        boolean bytes() {
            return type == Carrier.SEGMENT;
        }
    }
}
