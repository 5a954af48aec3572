package dev.conduit.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Validates a {@code @Layout} method: {@code <some MemoryLayout> name()}, where every variant's layout
 * of the struct or typedef is assignable to the declared type (a struct's {@code GroupLayout} also to
 * {@code StructLayout}, by a cast).
 */
final class LayoutParser {

    static final String SHAPE = "'MemoryLayout name()' or a subtype of MemoryLayout that the layout is, such as"
            + " 'StructLayout name()' or 'ValueLayout.OfInt name()'";

    private static final String FOREIGN = "java.lang.foreign.";

    /** What to suggest when the variants' layouts have different types: the most specific that fits all. */
    private static final List<String> COMMON_TYPES = List.of("ValueLayout", "GroupLayout", "MemoryLayout");

    private final ParseContext ctx;

    LayoutParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    Optional<Operation> parse(ExecutableElement method, AnnotationMirror annotation) {
        int errorsBefore = ctx.reporter.errorCount();
        String name = ctx.annotations.string(annotation, "value");
        String describe = Methods.describe(method);
        Set<String> unavailable = ctx.unavailableOn(method, annotation);
        TypeMirror declared = method.getReturnType();
        if (!isLayout(declared) || !method.getParameters().isEmpty()) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "Layout", describe, SHAPE);
            return Optional.empty();
        }
        AnnotationValue at = Annotations.explicitValue(annotation, "value");
        Map<Variant, Bindings.NamedLayout> found = new LinkedHashMap<>();
        for (Bindings b : ctx.bindings()) {
            Variant v = b.variant();
            if (unavailable.contains(v.name())) {
                continue;
            }
            Optional<Bindings.NamedLayout> layout = b.layout(name);
            if (layout.isEmpty()) {
                ctx.missingLayout(method, annotation, at, name, v);
            } else if (!isLayout(layout.get().type())) {
                ctx.unexpectedBinding(method, annotation, layout.get().declaration(), v,
                        "a " + Methods.nestedName(layout.get().type()), "a MemoryLayout");
            } else {
                found.put(v, layout.get());
            }
        }
        boolean structLayout = isNamed(declared, "StructLayout");
        Map<String, LayoutRead.Source> sources = new LinkedHashMap<>();
        for (Map.Entry<Variant, Bindings.NamedLayout> e : found.entrySet()) {
            Bindings.NamedLayout layout = e.getValue();
            boolean cast = false;
            if (!ctx.types.isAssignable(layout.type(), declared)) {
                cast = structLayout && layout.kind() == LayoutRead.Kind.STRUCT
                        && ctx.types.isAssignable(declared, layout.type());
                if (!cast) {
                    ctx.reporter.error(method, annotation, at, Problem.LAYOUT_TYPE_MISMATCH, describe,
                            Methods.nestedName(declared), name, e.getKey(), Methods.nestedName(layout.type()),
                            layout.declaration(), suggestion(found.values()));
                    continue;
                }
            }
            sources.put(e.getKey().name(), new LayoutRead.Source(layout.kind(), cast));
        }
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new LayoutRead(method, name, sources, unavailable));
    }

    /** The most specific type every variant's layout is assignable to, as a contributor would write it. */
    private String suggestion(Iterable<Bindings.NamedLayout> layouts) {
        List<TypeMirror> candidates = new ArrayList<>();
        layouts.forEach(l -> candidates.add(l.type()));
        for (String common : COMMON_TYPES) {
            candidates.add(foreign(common));
        }
        for (TypeMirror candidate : candidates) {
            boolean fitsAll = true;
            for (Bindings.NamedLayout l : layouts) {
                fitsAll &= ctx.types.isAssignable(l.type(), candidate);
            }
            if (fitsAll) {
                return Methods.nestedName(candidate);
            }
        }
        return "MemoryLayout";
    }

    private boolean isLayout(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED && ctx.types.isAssignable(type, foreign("MemoryLayout"));
    }

    private static boolean isNamed(TypeMirror type, String simpleName) {
        return SockaddrParser.isNamed(type, FOREIGN + simpleName);
    }

    private TypeMirror foreign(String simpleName) {
        return ctx.elements.getTypeElement(FOREIGN + simpleName).asType();
    }
}
