package dev.conduit.processor;

import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Validates the annotations that name no C symbol: {@code @VariantName}, {@code @ErrnoName},
 * {@code @CallStateLayout}.
 */
final class SimpleOpParser {

    static final String VARIANT_NAME_SHAPE = "'String name()'";
    static final String ERRNO_NAME_SHAPE = "'String name(int errno)'";
    static final String CALL_STATE_LAYOUT_SHAPE = "'StructLayout name()' (or GroupLayout or MemoryLayout)";

    private static final String STRUCT_LAYOUT = "java.lang.foreign.StructLayout";
    private static final String MEMORY_LAYOUT = "java.lang.foreign.MemoryLayout";

    private final ParseContext ctx;

    SimpleOpParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    Optional<Operation> parseVariantName(ExecutableElement method) {
        if (!SockaddrParser.isNamed(method.getReturnType(), "java.lang.String") || !method.getParameters().isEmpty()) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "VariantName", Methods.describe(method), VARIANT_NAME_SHAPE);
            return Optional.empty();
        }
        return Optional.of(new VariantNameRead(method));
    }

    Optional<Operation> parseErrnoName(ExecutableElement method) {
        if (!SockaddrParser.isNamed(method.getReturnType(), "java.lang.String")
                || method.getParameters().size() != 1
                || method.getParameters().getFirst().asType().getKind() != TypeKind.INT) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "ErrnoName", Methods.describe(method), ERRNO_NAME_SHAPE);
            return Optional.empty();
        }
        return Optional.of(new ErrnoNameRead(method));
    }

    /** {@code Linker.Option.captureStateLayout()} is a {@code StructLayout}: that or a supertype that is a layout. */
    Optional<Operation> parseCallStateLayout(ExecutableElement method) {
        TypeMirror returns = method.getReturnType();
        TypeMirror struct = ctx.elements.getTypeElement(STRUCT_LAYOUT).asType();
        TypeMirror layout = ctx.elements.getTypeElement(MEMORY_LAYOUT).asType();
        if (!method.getParameters().isEmpty() || !ctx.types.isAssignable(struct, returns)
                || !ctx.types.isAssignable(returns, layout)) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "CallStateLayout", Methods.describe(method),
                    CALL_STATE_LAYOUT_SHAPE);
            return Optional.empty();
        }
        return Optional.of(new CallStateLayoutRead(method));
    }
}
