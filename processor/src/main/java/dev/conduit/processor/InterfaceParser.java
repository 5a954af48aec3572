package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import dev.conduit.ops.SocketOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates a {@code @SocketOps} type and builds its {@link InterfaceModel}: the interface itself, its
 * variants and their bindings, the errors class, then each abstract method through the parser of
 * its annotation. Reports every problem it finds; returns a model only if there was none.
 */
final class InterfaceParser {

    static final String SOCKET_OPS = SocketOps.class.getCanonicalName();

    /** The method annotations, by simple name. */
    static final List<String> METHOD_ANNOTATIONS = List.of(
            "SocketOp", "SockOpt", "Constant", "EncodeSockaddr", "DecodeSockaddr", "SockaddrFamily", "Layout",
            "CallStateLayout", "VariantName", "ErrnoName");

    private static final String OPS_PACKAGE = SocketOps.class.getPackageName() + ".";
    private static final String GENERATED = "javax.annotation.processing.Generated";

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final Annotations annotations;

    InterfaceParser(ProcessingEnvironment env, Reporter reporter) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.reporter = reporter;
        this.annotations = new Annotations(elements);
    }

    Optional<InterfaceModel> parse(TypeElement type) {
        AnnotationMirror socketOps = Annotations.find(type, SOCKET_OPS).orElseThrow();
        int errorsBefore = reporter.errorCount();
        if (type.getKind() != ElementKind.INTERFACE) {
            reporter.error(type, Problem.NOT_AN_INTERFACE, type.getSimpleName(),
                    type.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            return Optional.empty();
        }
        if (!type.getTypeParameters().isEmpty()) {
            reporter.error(type, Problem.GENERIC_INTERFACE, type.getSimpleName());
        }
        List<Variant> variants = variants(type, socketOps);
        Map<Variant, Bindings> bindings = new LinkedHashMap<>();
        for (Variant v : variants) {
            Optional<Bindings> b = Bindings.load(v, elements);
            if (b.isPresent()) {
                bindings.put(v, b.get());
            } else {
                reporter.error(type, socketOps, variantValue(socketOps, v.name()), Problem.BINDINGS_NOT_FOUND, v,
                        v.headerClass(), v, v, v);
            }
        }
        TypeElement errors = ParseContext.typeElement(annotations.type(socketOps, "errors"));
        if (errors == null) {
            // javac reports the unresolved class itself; generating code that names it would only add noise
            return Optional.empty();
        }
        if (!hasForErrno(errors, type)) {
            reporter.error(type, socketOps, Annotations.explicitValue(socketOps, "errors"), Problem.BAD_ERRORS_CLASS,
                    errors.getQualifiedName(), "the generated implementations");
        }

        ParseContext ctx = new ParseContext(elements, types, reporter, errors.getSimpleName().toString(), variants,
                bindings);
        StructParser structs = new StructParser(ctx);
        List<Operation> operations = new ArrayList<>();
        for (ExecutableElement method : abstractMethods(type)) {
            parseMethod(method, ctx, structs).ifPresent(operations::add);
        }
        reportDuplicates(operations);
        if (reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        Map<String, Set<String>> errnoNames = new LinkedHashMap<>();
        bindings.forEach((v, b) -> errnoNames.put(v.name(), b.errnoNames()));
        boolean generatedVisible = elements.getTypeElement(elements.getModuleOf(type), GENERATED) != null;
        return Optional.of(new InterfaceModel(type, ClassName.get(type), ClassName.get(errors), variants, operations,
                errnoNames, generatedVisible));
    }

    private List<Variant> variants(TypeElement type, AnnotationMirror socketOps) {
        List<Variant> variants = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<AnnotationValue> values = annotations.array(socketOps, "variants");
        if (values.isEmpty()) {
            reporter.error(type, socketOps, Annotations.explicitValue(socketOps, "variants"), Problem.NO_VARIANTS);
        }
        for (AnnotationValue value : values) {
            String name = (String) value.getValue();
            Optional<Variant> variant = Variant.parse(name);
            if (variant.isEmpty()) {
                reporter.error(type, socketOps, value, Problem.BAD_VARIANT_NAME, name);
            } else if (!seen.add(name)) {
                reporter.error(type, socketOps, value, Problem.DUPLICATE_VARIANT, name);
            } else {
                variants.add(variant.get());
            }
        }
        return variants;
    }

    private AnnotationValue variantValue(AnnotationMirror socketOps, String name) {
        for (AnnotationValue value : annotations.array(socketOps, "variants")) {
            if (name.equals(value.getValue())) {
                return value;
            }
        }
        return null;
    }

    /** Whether {@code errors} has {@code public static IOException forErrno(String, String, int)} we can call. */
    private boolean hasForErrno(TypeElement errors, TypeElement from) {
        if (!accessible(errors, from)) {
            return false;
        }
        TypeMirror io = elements.getTypeElement("java.io.IOException").asType();
        TypeMirror string = elements.getTypeElement("java.lang.String").asType();
        for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(errors))) {
            var params = m.getParameters();
            if (m.getSimpleName().contentEquals("forErrno")
                    && m.getModifiers().containsAll(Set.of(Modifier.PUBLIC, Modifier.STATIC))
                    && params.size() == 3
                    && types.isSameType(params.get(0).asType(), string)
                    && types.isSameType(params.get(1).asType(), string)
                    && params.get(2).asType().getKind() == TypeKind.INT
                    && types.isAssignable(m.getReturnType(), io)) {
                return true;
            }
        }
        return false;
    }

    /** Whether code in {@code from}'s package can name {@code type}. */
    private boolean accessible(TypeElement type, TypeElement from) {
        boolean samePackage = elements.getPackageOf(type).equals(elements.getPackageOf(from));
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            Set<Modifier> mods = e.getModifiers();
            if (mods.contains(Modifier.PRIVATE) || (!mods.contains(Modifier.PUBLIC) && !samePackage)) {
                return false;
            }
        }
        return true;
    }

    /** The abstract methods to implement: the interface's own in source order, then inherited ones. */
    private List<ExecutableElement> abstractMethods(TypeElement type) {
        Set<ExecutableElement> ordered = new LinkedHashSet<>();
        List<ExecutableElement> all = ElementFilter.methodsIn(elements.getAllMembers(type));
        for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (all.contains(m)) {
                ordered.add(m);
            }
        }
        ordered.addAll(all);
        List<ExecutableElement> out = new ArrayList<>();
        for (ExecutableElement m : ordered) {
            if (m.getModifiers().contains(Modifier.ABSTRACT)
                    && m.getEnclosingElement().getKind() == ElementKind.INTERFACE
                    && !isObjectMethod(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** {@code equals}, {@code hashCode} and {@code toString} redeclared in an interface: Object implements them. */
    private static boolean isObjectMethod(ExecutableElement m) {
        String name = m.getSimpleName().toString();
        int arity = m.getParameters().size();
        return (arity == 0 && (name.equals("hashCode") || name.equals("toString")))
                || (arity == 1 && name.equals("equals")
                        && m.getParameters().getFirst().asType().toString().equals("java.lang.Object"));
    }

    private Optional<Operation> parseMethod(ExecutableElement method, ParseContext ctx, StructParser structs) {
        Map<String, AnnotationMirror> found = new LinkedHashMap<>();
        for (String simpleName : METHOD_ANNOTATIONS) {
            Annotations.find(method, OPS_PACKAGE + simpleName).ifPresent(a -> found.put(simpleName, a));
        }
        String describe = Methods.describe(method);
        if (found.isEmpty()) {
            reporter.error(method, Problem.NOT_ANNOTATED, describe);
            return Optional.empty();
        }
        if (found.size() > 1) {
            List<String> names = new ArrayList<>(found.keySet());
            reporter.error(method, Problem.CONFLICTING_ANNOTATIONS, describe, names.get(0), names.get(1));
            return Optional.empty();
        }
        if (!method.getTypeParameters().isEmpty()) {
            reporter.error(method, Problem.GENERIC_METHOD, describe);
            return Optional.empty();
        }
        Map.Entry<String, AnnotationMirror> only = found.entrySet().iterator().next();
        AnnotationMirror a = only.getValue();
        if (!only.getKey().equals("SocketOp") && !only.getKey().equals("SockOpt")) {
            ctx.noCallState(method, only.getKey());
        }
        return switch (only.getKey()) {
            case "SocketOp" -> new SocketCallParser(ctx).parse(method, a);
            case "SockOpt" -> new SockOptParser(ctx, structs).parse(method, a);
            case "Constant" -> new ConstantParser(ctx).parse(method, a);
            case "EncodeSockaddr" -> new SockaddrParser(ctx).parseEncode(method, a);
            case "DecodeSockaddr" -> new SockaddrParser(ctx).parseDecode(method, a);
            case "SockaddrFamily" -> new SockaddrParser(ctx).parseFamily(method, a);
            case "Layout" -> new LayoutParser(ctx).parse(method, a);
            case "CallStateLayout" -> new SimpleOpParser(ctx).parseCallStateLayout(method);
            case "VariantName" -> new SimpleOpParser(ctx).parseVariantName(method);
            case "ErrnoName" -> new SimpleOpParser(ctx).parseErrnoName(method);
            default -> throw new IllegalStateException(only.getKey());
        };
    }

    private void reportDuplicates(List<Operation> operations) {
        Map<String, Operation> first = new HashMap<>();
        for (Operation op : operations) {
            Operation earlier = first.putIfAbsent(op.does(), op);
            if (earlier != null) {
                reporter.error(op.method(), Problem.DUPLICATE_OPERATION, Methods.describe(op.method()),
                        Methods.describe(earlier.method()), op.does());
            }
        }
    }
}
