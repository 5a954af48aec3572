package dev.conduit.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Validates a {@code @Constant} method: {@code int}, {@code long} or {@code OptionalInt name()}. */
final class ConstantParser {

    static final String SHAPE = "'int name()', 'long name()' or 'OptionalInt name()'";

    private final ParseContext ctx;

    ConstantParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    Optional<Operation> parse(ExecutableElement method, AnnotationMirror annotation) {
        int errorsBefore = ctx.reporter.errorCount();
        String describe = Methods.describe(method);
        Set<String> unavailable = ctx.unavailableOn(method, annotation);
        VariantNames names = ctx.names(method, annotation, "value", unavailable);
        String name = names.name();
        ConstantRead.Kind kind = kind(method.getReturnType());
        if (kind == null || !method.getParameters().isEmpty()) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "Constant", describe, SHAPE);
            return Optional.empty();
        }
        AnnotationValue at = Annotations.explicitValue(annotation, "value");
        Set<String> present = new LinkedHashSet<>();
        List<String> available = new ArrayList<>();
        for (Bindings b : ctx.bindings()) {
            Variant v = b.variant();
            if (unavailable.contains(v.name())) {
                continue;
            }
            available.add(v.name());
            String inVariant = names.in(v);
            AnnotationValue where = names.at(v, at);
            Optional<Carrier> constant = b.constant(inVariant);
            if (constant.isEmpty()) {
                switch (kind) {
                    case OPTIONAL_INT -> { }
                    case INT -> ctx.missingConstant(method, annotation, where, inVariant, v, Problem.OR_OPTIONAL.text(v));
                    case LONG -> ctx.missingConstant(method, annotation, where, inVariant, v,
                            Problem.OR_UNAVAILABLE.text(v, v));
                }
                continue;
            }
            Carrier c = constant.get();
            boolean fits = c == Carrier.INT || (c == Carrier.LONG && kind == ConstantRead.Kind.LONG);
            if (!fits) {
                String fix = c == Carrier.LONG ? "return long"
                        : "@Constant reads int and long constants only; read this one another way";
                ctx.reporter.error(method, annotation, where, Problem.CONSTANT_TYPE_MISMATCH, describe,
                        Methods.simpleName(method.getReturnType()), inVariant, c.javaName(), v, fix);
                continue;
            }
            present.add(v.name());
        }
        if (kind == ConstantRead.Kind.OPTIONAL_INT && present.isEmpty() && !available.isEmpty()) {
            ctx.reporter.warning(method, Problem.CONSTANT_NOWHERE, name, String.join(", ", available), describe, name);
        }
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ConstantRead(method, names, kind, present, unavailable));
    }

    private static ConstantRead.Kind kind(TypeMirror type) {
        if (type.getKind() == TypeKind.INT) {
            return ConstantRead.Kind.INT;
        }
        if (type.getKind() == TypeKind.LONG) {
            return ConstantRead.Kind.LONG;
        }
        if (type instanceof DeclaredType d && d.asElement().toString().equals("java.util.OptionalInt")) {
            return ConstantRead.Kind.OPTIONAL_INT;
        }
        return null;
    }
}
