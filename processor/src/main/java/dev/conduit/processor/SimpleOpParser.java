package dev.conduit.processor;

import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;

/** Validates the annotations that name no C symbol: {@code @VariantName}, {@code @ErrnoName}. */
final class SimpleOpParser {

    static final String VARIANT_NAME_SHAPE = "'String name()'";
    static final String ERRNO_NAME_SHAPE = "'String name(int errno)'";

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
}
