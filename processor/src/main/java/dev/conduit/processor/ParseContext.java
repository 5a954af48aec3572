package dev.conduit.processor;

import dev.conduit.ops.CallState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What the per-annotation parsers share while validating one interface: the variants and their
 * bindings, and the checks and reports that several annotations need (availability globs, missing
 * symbols, {@code throws IOException}).
 */
final class ParseContext {

    static final String CALL_STATE = CallState.class.getCanonicalName();

    final Elements elements;
    final Types types;
    final Annotations annotations;
    final Reporter reporter;
    /** The simple name of the errors class, for messages. */
    final String errorsName;
    private final List<Variant> variants;
    /** The variants whose bindings were found, in declaration order. */
    private final Map<Variant, Bindings> bindings;

    ParseContext(Elements elements, Types types, Reporter reporter, String errorsName, List<Variant> variants,
            Map<Variant, Bindings> bindings) {
        this.elements = elements;
        this.types = types;
        this.annotations = new Annotations(elements);
        this.reporter = reporter;
        this.errorsName = errorsName;
        this.variants = List.copyOf(variants);
        this.bindings = new LinkedHashMap<>(bindings);
    }

    List<Variant> variants() {
        return variants;
    }

    /** The bindings of the variants that have them, in declaration order. */
    Iterable<Bindings> bindings() {
        return bindings.values();
    }

    /**
     * The variant names an annotation's {@code unavailableOn} globs select; reports a glob that
     * selects none of the declared variants (most likely a typo).
     */
    Set<String> unavailableOn(ExecutableElement method, AnnotationMirror annotation) {
        Set<String> names = new LinkedHashSet<>();
        for (AnnotationValue value : annotations.array(annotation, "unavailableOn")) {
            VariantGlob glob = VariantGlob.of((String) value.getValue());
            List<String> matched = new ArrayList<>();
            for (Variant v : variants) {
                if (glob.matches(v)) {
                    matched.add(v.name());
                }
            }
            if (matched.isEmpty()) {
                reporter.error(method, annotation, value, Problem.GLOB_MATCHES_NOTHING, "unavailableOn", glob.glob(),
                        variants.stream().map(Variant::name).toList());
            }
            names.addAll(matched);
        }
        return names;
    }

    /**
     * The C name of attribute {@code attribute} per variant, with the annotation's {@code nameOn} entries
     * ({@code "macos-*=TCP_KEEPALIVE"}) applied. Reports an entry that is not {@code glob=NAME}, a glob that
     * selects no declared variant, two entries for one variant, and an entry for a variant in
     * {@code unavailable}.
     */
    VariantNames names(ExecutableElement method, AnnotationMirror annotation, String attribute,
            Set<String> unavailable) {
        String name = annotations.string(annotation, attribute);
        Map<String, String> chosen = new HashMap<>();
        Map<String, AnnotationValue> chosenBy = new LinkedHashMap<>();
        for (AnnotationValue value : annotations.array(annotation, "nameOn")) {
            String entry = (String) value.getValue();
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                reporter.error(method, annotation, value, Problem.BAD_NAME_ON, entry);
                continue;
            }
            VariantGlob glob = VariantGlob.of(entry.substring(0, equals));
            boolean matched = false;
            for (Variant v : variants) {
                if (!glob.matches(v)) {
                    continue;
                }
                matched = true;
                AnnotationValue earlier = chosenBy.putIfAbsent(v.name(), value);
                if (earlier != null) {
                    reporter.error(method, annotation, value, Problem.NAME_ON_TWICE, earlier.getValue(), entry, v);
                } else if (unavailable.contains(v.name())) {
                    reporter.error(method, annotation, value, Problem.NAME_ON_UNAVAILABLE, entry, v);
                } else {
                    chosen.put(v.name(), entry.substring(equals + 1));
                }
            }
            if (!matched) {
                reporter.error(method, annotation, value, Problem.GLOB_MATCHES_NOTHING, "nameOn", glob.glob(),
                        variants.stream().map(Variant::name).toList());
            }
        }
        Map<String, String> byVariant = new LinkedHashMap<>();
        for (Variant v : variants) {
            byVariant.put(v.name(), chosen.getOrDefault(v.name(), name));
        }
        return new VariantNames(name, byVariant, chosenBy);
    }

    /** Whether the method may throw an {@code IOException} (it declares it or a supertype of it). */
    boolean declaresIOException(ExecutableElement method) {
        TypeMirror io = elements.getTypeElement("java.io.IOException").asType();
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (thrown.getKind() != TypeKind.ERROR && types.isSubtype(io, thrown)) {
                return true;
            }
        }
        return false;
    }

    /** Reports the C function {@code fn} missing from a variant. */
    void missingFunction(ExecutableElement method, AnnotationMirror annotation, AnnotationValue at, String fn,
            Variant variant, boolean canBeUnavailable) {
        reporter.error(method, annotation, at, Problem.MISSING_FUNCTION, fn, variant, variant.headerClass(), fn,
                variant.symbolsFiles(), canBeUnavailable ? Problem.OR_UNAVAILABLE.text(variant, variant) : "");
    }

    /** Reports the C constant {@code name} missing from a variant; {@code orElse} is the second fix, or "". */
    void missingConstant(ExecutableElement method, AnnotationMirror annotation, AnnotationValue at, String name,
            Variant variant, String orElse) {
        reporter.error(method, annotation, at, Problem.MISSING_CONSTANT, name, variant, variant.headerClass(),
                Methods.describe(method), name, variant.symbolsFiles(), orElse);
    }

    /** Reports {@code struct tag} missing from a variant; {@code orElse} is the second fix, or "". */
    void missingStruct(ExecutableElement method, AnnotationMirror annotation, AnnotationValue at, String tag,
            Variant variant, String orElse) {
        reporter.error(method, annotation, at, Problem.MISSING_STRUCT, tag, variant, variant.struct(tag),
                Methods.describe(method), tag, variant.symbolsFiles(), orElse);
    }

    /** Reports {@code name} as neither a struct nor a typedef in a variant (for {@code @Layout}). */
    void missingLayout(ExecutableElement method, AnnotationMirror annotation, AnnotationValue at, String name,
            Variant variant) {
        reporter.error(method, annotation, at, Problem.MISSING_LAYOUT, name, variant, variant.struct(name),
                variant.headerClass().simpleName(), name, Methods.describe(method), name, name, variant.symbolsFiles(),
                Problem.OR_UNAVAILABLE.text(variant, variant));
    }

    /** Reports the typedef {@code name} missing from a variant. */
    void missingTypedef(ExecutableElement method, AnnotationMirror annotation, String name, Variant variant,
            String orElse) {
        reporter.error(method, annotation, null, Problem.MISSING_TYPEDEF, name, variant,
                variant.headerClass().simpleName(), name, Methods.describe(method), name, variant.symbolsFiles(), orElse);
    }

    void missingField(ExecutableElement method, AnnotationMirror annotation, String tag, String field,
            Variant variant) {
        reporter.error(method, annotation, null, Problem.MISSING_STRUCT_FIELD, tag, variant, field,
                Methods.describe(method), variant.os(), "");
    }

    /** Reports a binding of an unexpected shape, e.g. a {@code double} {@code sa_family}. */
    void unexpectedBinding(ExecutableElement method, AnnotationMirror annotation, String symbol, Variant variant,
            String found, String expected) {
        reporter.error(method, annotation, null, Problem.UNEXPECTED_BINDING, symbol, variant, found,
                Methods.describe(method), expected, variant.os());
    }

    /** Requires {@code EINTR}, which a retrying call compares errno with. */
    void requireEintr(ExecutableElement method, AnnotationMirror annotation, Bindings b, boolean canBeUnavailable) {
        if (b.constant("EINTR").orElse(Carrier.OTHER) != Carrier.INT) {
            Variant v = b.variant();
            missingConstant(method, annotation, null, "EINTR", v,
                    canBeUnavailable ? Problem.OR_UNAVAILABLE.text(v, v) : "");
        }
    }

    /** The errno names a {@code returnWouldBlock} call returns {@code WOULD_BLOCK} for, in this order. */
    static final List<String> WOULD_BLOCK_ERRNOS = List.of("EAGAIN", "EWOULDBLOCK", "EINPROGRESS");

    /**
     * The constants a {@code returnWouldBlock} call compares errno with on variant {@code b}: those of
     * {@link #WOULD_BLOCK_ERRNOS}, less any whose value an earlier one has ({@code EWOULDBLOCK} is
     * {@code EAGAIN} on Linux and macOS). Reports each missing from the bindings.
     */
    SocketCall.WouldBlock wouldBlockErrnos(ExecutableElement method, AnnotationMirror annotation,
            AnnotationValue at, Bindings b) {
        List<String> names = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        Map<Integer, String> byValue = new HashMap<>();
        Variant v = b.variant();
        for (String name : WOULD_BLOCK_ERRNOS) {
            if (b.constant(name).orElse(Carrier.OTHER) != Carrier.INT) {
                missingConstant(method, annotation, at, name, v, Problem.OR_UNAVAILABLE.text(v, v));
                continue;
            }
            Optional<Integer> value = b.intValue(name);
            String same = value.map(byValue::get).orElse(null);
            if (same != null) {
                aliases.add(name + " is " + same);
            } else {
                value.ifPresent(n -> byValue.put(n, name));
                names.add(name);
            }
        }
        return new SocketCall.WouldBlock(List.copyOf(names), List.copyOf(aliases));
    }

    /**
     * Checks the {@code @CallState} parameters of a method that makes an errno-capturing downcall (if
     * {@code capture}): at most the last, a {@code MemorySegment}. Returns whether the method has a valid one.
     */
    boolean callState(ExecutableElement method, boolean capture) {
        List<? extends VariableElement> params = method.getParameters();
        String describe = Methods.describe(method);
        boolean valid = false;
        for (int i = 0; i < params.size(); i++) {
            VariableElement p = params.get(i);
            if (Annotations.find(p, CALL_STATE).isEmpty()) {
                continue;
            }
            if (i != params.size() - 1) {
                reporter.error(p, Problem.CALL_STATE_NOT_LAST, describe, p.getSimpleName());
            } else if (Carrier.of(p.asType()) != Carrier.SEGMENT) {
                reporter.error(p, Problem.CALL_STATE_NOT_A_SEGMENT, describe, p.getSimpleName(),
                        Methods.simpleName(p.asType()));
            } else if (!capture) {
                reporter.error(p, Problem.CALL_STATE_WITHOUT_ERRNO, describe, p.getSimpleName());
            } else {
                valid = true;
            }
        }
        return valid;
    }

    /** Reports every {@code @CallState} parameter of a method annotated {@code @annotation}, which has no use for one. */
    void noCallState(ExecutableElement method, String annotation) {
        for (VariableElement p : method.getParameters()) {
            if (Annotations.find(p, CALL_STATE).isPresent()) {
                reporter.error(p, Problem.CALL_STATE_NOT_APPLICABLE, Methods.describe(method), p.getSimpleName(),
                        annotation);
            }
        }
    }

    /** The type element of a class-valued annotation attribute, or null if it did not resolve. */
    static TypeElement typeElement(TypeMirror type) {
        if (type == null || type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        return (TypeElement) ((javax.lang.model.type.DeclaredType) type).asElement();
    }
}
