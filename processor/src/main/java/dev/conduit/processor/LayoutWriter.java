package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;

/**
 * Writes a {@code @Layout} method for one variant: {@code return sockaddr_storage.layout();} or
 * {@code return Libc.socklen_t;}. Only the call initializes the bindings class, so creating the
 * implementation still links nothing.
 */
final class LayoutWriter {

    private static final ClassName STRUCT_LAYOUT = ClassName.get("java.lang.foreign", "StructLayout");

    private final ClassContext cx;

    LayoutWriter(ClassContext cx) {
        this.cx = cx;
    }

    /** Registers the struct class the method will name, so that no parameter hides it. */
    void plan(LayoutRead layout) {
        LayoutRead.Source source = layout.sources().get(cx.variant.name());
        if (source != null && source.kind() == LayoutRead.Kind.STRUCT) {
            cx.useStruct(layout.name());
        }
    }

    MethodSpec write(LayoutRead layout) {
        MethodScope scope = cx.method(layout.method());
        if (layout.unavailableOn().contains(cx.variant.name())) {
            return scope.builder().addCode(cx.unavailable(layout.name())).build();
        }
        LayoutRead.Source source = layout.sources().get(cx.variant.name());
        switch (source.kind()) {
            case STRUCT -> {
                ClassName struct = cx.struct(layout.name());
                if (source.castToStruct()) {
                    scope.builder().addStatement("return ($T) $T.layout()", STRUCT_LAYOUT, struct);
                } else {
                    scope.builder().addStatement("return $T.layout()", struct);
                }
            }
            case TYPEDEF -> scope.builder().addStatement("return $T.$N", cx.libc, layout.name());
        }
        return scope.build();
    }
}
