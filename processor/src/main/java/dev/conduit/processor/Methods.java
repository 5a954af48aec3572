package dev.conduit.processor;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/** How methods and types are named in messages: short, as a contributor would write them. */
final class Methods {

    private Methods() {
    }

    /** {@code socket(int, int, int)}. */
    static String describe(ExecutableElement method) {
        return method.getSimpleName() + parameterList(method);
    }

    /** {@code (int, MemorySegment, int)}. */
    static String parameterList(ExecutableElement method) {
        return method.getParameters().stream().map(p -> simpleName(p.asType()))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@code (int, MemorySegment, int)} from carriers. */
    static String carrierList(List<Carrier> carriers) {
        return carriers.stream().map(Carrier::javaName).collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@code int}, {@code MemorySegment}, {@code List<String>}: the type without package names. */
    static String simpleName(TypeMirror type) {
        if (type instanceof DeclaredType declared) {
            String name = declared.asElement().getSimpleName().toString();
            if (declared.getTypeArguments().isEmpty()) {
                return name;
            }
            return name + declared.getTypeArguments().stream().map(Methods::simpleName)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        return type.toString();
    }

    /** {@code ValueLayout.OfInt}: {@link #simpleName} with the names of the enclosing types. */
    static String nestedName(TypeMirror type) {
        String name = simpleName(type);
        if (type instanceof DeclaredType declared) {
            for (Element e = declared.asElement().getEnclosingElement(); e instanceof TypeElement t;
                    e = t.getEnclosingElement()) {
                name = t.getSimpleName() + "." + name;
            }
        }
        return name;
    }
}
