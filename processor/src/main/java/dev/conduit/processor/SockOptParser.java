package dev.conduit.processor;

import dev.conduit.processor.Bindings.NativeFunction;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/** Validates a {@code @SockOpt} method: its shape, and the option's constants and functions per variant. */
final class SockOptParser {

    static final String SHAPE = "'void name(int fd, boolean|int value)' to set the option or"
            + " 'boolean|int name(int fd)' to read it, with 'throws IOException'";

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

    SockOptParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    Optional<Operation> parse(ExecutableElement method, AnnotationMirror annotation) {
        int errorsBefore = ctx.reporter.errorCount();
        String level = ctx.annotations.string(annotation, "level");
        String option = ctx.annotations.string(annotation, "name");
        String describe = Methods.describe(method);
        Set<String> unavailable = ctx.unavailableOn(method, annotation);

        Carrier result = Carrier.of(method.getReturnType());
        List<Carrier> params = method.getParameters().stream().map(p -> Carrier.of(p.asType())).toList();
        boolean setter = result == Carrier.VOID && params.size() == 2 && params.get(0) == Carrier.INT
                && isOptionValue(params.get(1));
        boolean getter = isOptionValue(result) && params.size() == 1 && params.get(0) == Carrier.INT;
        if (!setter && !getter) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "SockOpt", describe, SHAPE);
            return Optional.empty();
        }
        if (!ctx.declaresIOException(method)) {
            ctx.reporter.error(method, Problem.MISSING_THROWS, describe, ctx.errorsName, "");
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
            if (b.constant(option).orElse(Carrier.OTHER) != Carrier.INT) {
                ctx.missingConstant(method, annotation, Annotations.explicitValue(annotation, "name"), option, v,
                        orElse);
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
        return Optional.of(new SockOptAccess(method, level, option, setter, setter ? params.get(1) : result,
                unavailable));
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

    private static boolean isOptionValue(Carrier c) {
        return c == Carrier.BOOLEAN || c == Carrier.INT;
    }
}
