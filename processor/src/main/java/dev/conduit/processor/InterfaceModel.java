package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @SocketOps} interface: everything the generator needs, and nothing it would
 * have to check again.
 *
 * @param errnoNames per variant name, its errno constant names (sorted)
 * @param generatedAnnotation whether {@code @javax.annotation.processing.Generated} is visible to the
 *                            interface's module (it is not unless the module reads java.compiler)
 */
record InterfaceModel(
        TypeElement element,
        ClassName name,
        ClassName errors,
        List<Variant> variants,
        List<Operation> operations,
        Map<String, Set<String>> errnoNames,
        boolean generatedAnnotation) {

    /** {@code Posix_linux_x86_64}, beside the interface (nested interfaces join their names with {@code _}). */
    ClassName implementation(Variant variant) {
        return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + variant.classSuffix());
    }
}
