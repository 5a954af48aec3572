package dev.conduit.processor;

import dev.conduit.processor.Bindings.NativeFunction;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Validates a {@code @SockOpt} method: its shape, its value (an {@code int}, a {@code boolean} or a
 * {@code @Struct} record, see {@link StructParser}), and the option's constants and functions per variant.
 */
final class SockOptParser {

    static final String SHAPE = "'void name(int fd, boolean|int|R value)' to set the option or"
            + " 'boolean|int|R name(int fd)' to read it, where R is a record annotated @Struct, with 'throws IOException'"
            + " (either may end with a '@CallState MemorySegment state' parameter)";

    /** What jextract declares for {@code setsockopt(int, int, int, const void *, socklen_t)}. */
    private static final List<Carrier> SETSOCKOPT =
            List.of(Carrier.INT, Carrier.INT, Carrier.INT, Carrier.SEGMENT, Carrier.INT);

    /** What jextract declares for {@code getsockopt(int, int, int, void *, socklen_t *)}. */
    private static final List<Carrier> GETSOCKOPT =
            List.of(Carrier.INT, Carrier.INT, Carrier.INT, Carrier.SEGMENT, Carrier.SEGMENT);

    /** The typedef of option lengths. */
    static final String SOCKLEN = "socklen_t";

    private static final String OF_INT = "java.lang.foreign.ValueLayout.OfInt";

    private final ParseContext ctx;
    private final StructParser structs;

    SockOptParser(ParseContext ctx, StructParser structs) {
        this.ctx = ctx;
        this.structs = structs;
    }

    Optional<Operation> parse(ExecutableElement method, AnnotationMirror annotation) {
        int errorsBefore = ctx.reporter.errorCount();
        String level = ctx.annotations.string(annotation, "level");
        String describe = Methods.describe(method);
        Set<String> unavailable = ctx.unavailableOn(method, annotation);
        VariantNames option = ctx.names(method, annotation, "name", unavailable);

        boolean callState = ctx.callState(method, true);
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        Carrier result = Carrier.of(method.getReturnType());
        List<Carrier> params = method.getParameters().stream().map(p -> Carrier.of(p.asType())).toList();
        if (callState) {
            params = params.subList(0, params.size() - 1);
        }
        boolean setter = result == Carrier.VOID && params.size() == 2 && params.get(0) == Carrier.INT
                && isOptionValue(method.getParameters().get(1).asType());
        boolean getter = isOptionValue(method.getReturnType()) && params.size() == 1 && params.get(0) == Carrier.INT;
        if (!setter && !getter) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "SockOpt", describe, SHAPE);
            return Optional.empty();
        }
        if (!ctx.declaresIOException(method)) {
            ctx.reporter.error(method, Problem.MISSING_THROWS, describe, ctx.errorsName, "");
        }
        Element usage = setter ? method.getParameters().get(1) : method;
        TypeMirror valueType = setter ? method.getParameters().get(1).asType() : method.getReturnType();
        StructValue struct = null;
        if (valueType.getKind() == TypeKind.DECLARED) {
            Optional<StructValue> parsed = structs.parse(method, annotation, usage, valueType, unavailable);
            if (parsed.isEmpty()) {
                // reported, now or for an earlier method with the same record
                return Optional.empty();
            }
            struct = parsed.get();
        }
        String fn = setter ? "setsockopt" : "getsockopt";
        for (Bindings b : ctx.bindings()) {
            Variant v = b.variant();
            if (unavailable.contains(v.name())) {
                continue;
            }
            String orElse = Problem.OR_UNAVAILABLE.text(v, v);
            if (b.constant(level).orElse(Carrier.OTHER) != Carrier.INT) {
                ctx.missingConstant(method, annotation, Annotations.explicitValue(annotation, "level"), level, v,
                        orElse);
            }
            if (b.constant(option.in(v)).orElse(Carrier.OTHER) != Carrier.INT) {
                ctx.missingConstant(method, annotation, option.at(v, Annotations.explicitValue(annotation, "name")),
                        option.in(v), v, orElse);
            }
            Optional<NativeFunction> f = b.function(fn);
            if (f.isEmpty()) {
                ctx.missingFunction(method, annotation, null, fn, v, true);
            } else {
                List<Carrier> expected = setter ? SETSOCKOPT : GETSOCKOPT;
                if (f.get().variadic() || !f.get().parameters().equals(expected) || f.get().result() != Carrier.INT) {
                    ctx.unexpectedBinding(method, annotation, fn, v, f.get().declaration(),
                            "int " + fn + Methods.carrierList(expected));
                }
            }
            requireSocklen(method, annotation, b, orElse);
            ctx.requireEintr(method, annotation, b, true);
        }
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new SockOptAccess(method, level, option, setter, setter ? params.get(1) : result, struct,
                callState, unavailable));
    }

    /** The option's length is allocated as the variant's {@code socklen_t}, which must be a C int. */
    private void requireSocklen(ExecutableElement method, AnnotationMirror annotation, Bindings b, String orElse) {
        Optional<TypeMirror> socklen = b.typedef(SOCKLEN);
        TypeMirror ofInt = ctx.elements.getTypeElement(OF_INT).asType();
        if (socklen.isEmpty()) {
            ctx.missingTypedef(method, annotation, SOCKLEN, b.variant(), orElse);
        } else if (!ctx.types.isAssignable(socklen.get(), ofInt)) {
            ctx.unexpectedBinding(method, annotation, Variant.HEADER_CLASS + "." + SOCKLEN, b.variant(),
                    "a " + Methods.nestedName(socklen.get()), "a ValueLayout.OfInt");
        }
    }

    /** {@code int}, {@code boolean} or a declared type, which {@link StructParser} checks is a {@code @Struct} record. */
    private static boolean isOptionValue(TypeMirror type) {
        return type.getKind() == TypeKind.BOOLEAN || type.getKind() == TypeKind.INT
                || type.getKind() == TypeKind.DECLARED;
    }
}
