package dev.conduit.processor;

import com.palantir.javapoet.MethodSpec;
import java.util.OptionalInt;

/** Writes a {@code @Constant} method for one variant. */
final class ConstantWriter {

    private final ClassContext cx;

    ConstantWriter(ClassContext cx) {
        this.cx = cx;
    }

    MethodSpec write(ConstantRead constant) {
        MethodScope scope = cx.method(constant.method());
        String variant = cx.variant.name();
        if (constant.unavailableOn().contains(variant)) {
            return scope.builder().addCode(cx.unavailable(constant.constant().name())).build();
        }
        boolean present = constant.presentOn().contains(variant);
        String name = constant.constant().in(cx.variant);
        switch (constant.kind()) {
            case INT, LONG -> scope.builder().addStatement("return $T.$N()", cx.libc, name);
            case OPTIONAL_INT -> {
                if (present) {
                    scope.builder().addStatement("return $T.of($T.$N())", OptionalInt.class, cx.libc, name);
                } else {
                    scope.builder()
                            .addComment("$L is not in the $L bindings", name, variant)
                            .addStatement("return $T.empty()", OptionalInt.class);
                }
            }
        }
        return scope.build();
    }
}
