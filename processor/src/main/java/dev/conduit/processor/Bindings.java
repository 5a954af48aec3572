package dev.conduit.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * One variant's jextract bindings, read through {@code javax.lang.model} from the compiled classes
 * on the class path. jextract's output shape is the contract here:
 * <ul>
 *   <li>a function {@code f} is a static method {@code f(...)} with siblings {@code f$address()} and
 *       {@code f$descriptor()} on the header class {@code Libc};</li>
 *   <li>a variadic function {@code f} is a public nested class {@code Libc.f} with a static
 *       {@code address()} and an {@code apply(fixed..., Object...)};</li>
 *   <li>a constant {@code C} is a static no-argument method {@code C()} (no {@code $address} sibling);</li>
 *   <li>{@code struct s} is a class {@code s} in the same package with {@code sizeof()} and
 *       {@code layout()}, and a field {@code x} has {@code x$offset()} and a getter
 *       {@code x(MemorySegment)} of the field's type;</li>
 *   <li>a typedef {@code t} is a static field {@code t} of the header class holding its layout
 *       ({@code OfInt socklen_t = Libc.C_INT}); the fields of {@code Libc$shared} are the layouts of C's
 *       own types ({@code C_INT}), not typedefs.</li>
 * </ul>
 * Members are read with their inherited ones, since jextract splits a large header class into
 * {@code Libc}, {@code Libc_1}, ... linked by inheritance.
 */
final class Bindings {

    /** Errno names; {@code EPOLLIN} and friends share the shape, so epoll's prefix is left out. */
    private static final Pattern ERRNO_NAME = Pattern.compile("E(?!POLL)[A-Z0-9]+");

    /** jextract's class of the C types' own layouts ({@code Libc$shared}), which the header class extends. */
    private static final String SHARED_SUFFIX = "$shared";

    private final Variant variant;
    private final Elements elements;
    private final Map<String, List<ExecutableElement>> staticMethods = new HashMap<>();
    private final Map<String, TypeElement> memberTypes = new HashMap<>();
    private final Map<String, VariableElement> typedefs = new HashMap<>();
    /** jextract's {@code private static final int C = (int)11L;} behind each constant method {@code C()}. */
    private final Map<String, Integer> intValues = new HashMap<>();

    private Bindings(Variant variant, Elements elements, TypeElement header) {
        this.variant = variant;
        this.elements = elements;
        for (Element member : elements.getAllMembers(header)) {
            if (member.getKind() == ElementKind.FIELD && member.getModifiers().contains(Modifier.STATIC)
                    && ((VariableElement) member).getConstantValue() instanceof Integer value) {
                intValues.put(member.getSimpleName().toString(), value);
            }
            if (!member.getModifiers().contains(Modifier.PUBLIC)) {
                continue;
            }
            if (member.getKind() == ElementKind.METHOD && member.getModifiers().contains(Modifier.STATIC)) {
                staticMethods.computeIfAbsent(member.getSimpleName().toString(), k -> new ArrayList<>())
                        .add((ExecutableElement) member);
            } else if (member.getKind().isClass()) {
                memberTypes.put(member.getSimpleName().toString(), (TypeElement) member);
            } else if (member.getKind() == ElementKind.FIELD && member.getModifiers().contains(Modifier.STATIC)
                    && !member.getEnclosingElement().getSimpleName().toString().endsWith(SHARED_SUFFIX)) {
                typedefs.put(member.getSimpleName().toString(), (VariableElement) member);
            }
        }
    }

    /** The bindings of {@code variant}, or empty if its header class is not on the class path. */
    static Optional<Bindings> load(Variant variant, Elements elements) {
        TypeElement header = elements.getTypeElement(variant.headerClass().canonicalName());
        return Optional.ofNullable(header).map(h -> new Bindings(variant, elements, h));
    }

    Variant variant() {
        return variant;
    }

    /** The C function {@code name}, plain or variadic. */
    Optional<NativeFunction> function(String name) {
        if (staticMethods.containsKey(name + "$address")) {
            for (ExecutableElement m : staticMethods.getOrDefault(name, List.of())) {
                return Optional.of(new NativeFunction(name, false, carriers(m.getParameters()),
                        Carrier.of(m.getReturnType()), describe(Variant.HEADER_CLASS, m)));
            }
        }
        TypeElement nested = memberTypes.get(name);
        if (nested != null && nested.getModifiers().contains(Modifier.STATIC)) {
            boolean hasAddress = false;
            ExecutableElement apply = null;
            for (ExecutableElement m : ElementFilter.methodsIn(nested.getEnclosedElements())) {
                String n = m.getSimpleName().toString();
                if (n.equals("address") && m.getModifiers().contains(Modifier.STATIC) && m.getParameters().isEmpty()) {
                    hasAddress = true;
                } else if (n.equals("apply") && m.isVarArgs()) {
                    apply = m;
                }
            }
            if (hasAddress && apply != null) {
                List<? extends VariableElement> params = apply.getParameters();
                return Optional.of(new NativeFunction(name, true, carriers(params.subList(0, params.size() - 1)),
                        Carrier.of(apply.getReturnType()),
                        describe(Variant.HEADER_CLASS + "." + name, apply)));
            }
        }
        return Optional.empty();
    }

    /** The carrier ({@code INT}, {@code LONG}, ...) of the C constant {@code name}. */
    Optional<Carrier> constant(String name) {
        if (name.contains("$") || staticMethods.containsKey(name + "$address")) {
            return Optional.empty();
        }
        for (ExecutableElement m : staticMethods.getOrDefault(name, List.of())) {
            if (m.getParameters().isEmpty()) {
                return Optional.of(Carrier.of(m.getReturnType()));
            }
        }
        return Optional.empty();
    }

    /**
     * The value of the {@code int} constant {@code name} where the bindings declare it as a compile-time
     * constant field (jextract does, privately, in the header class); empty where they do not, or where
     * {@link #constant} finds no such constant.
     */
    Optional<Integer> intValue(String name) {
        return constant(name).orElse(Carrier.OTHER) == Carrier.INT
                ? Optional.ofNullable(intValues.get(name)) : Optional.empty();
    }

    /** Every {@code int} constant that looks like an errno name ({@code E[A-Z0-9]+}, not {@code EPOLL*}), sorted. */
    Set<String> errnoNames() {
        Set<String> names = new TreeSet<>();
        for (String name : staticMethods.keySet()) {
            if (ERRNO_NAME.matcher(name).matches() && constant(name).orElse(Carrier.OTHER) == Carrier.INT) {
                names.add(name);
            }
        }
        return names;
    }

    /** {@code struct tag}, if the bindings have it. */
    Optional<Struct> struct(String tag) {
        TypeElement type = elements.getTypeElement(variant.struct(tag).canonicalName());
        if (type == null) {
            return Optional.empty();
        }
        Map<String, ExecutableElement> methods = new LinkedHashMap<>();
        boolean hasSizeof = false;
        TypeMirror layout = null;
        for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (!m.getModifiers().contains(Modifier.STATIC)) {
                continue;
            }
            String n = m.getSimpleName().toString();
            if (n.equals("sizeof") && m.getParameters().isEmpty()) {
                hasSizeof = true;
            } else if (n.equals("layout") && m.getParameters().isEmpty()) {
                layout = m.getReturnType();
            } else if (m.getParameters().size() == 1 && Carrier.of(m.getParameters().getFirst().asType()) == Carrier.SEGMENT) {
                methods.put(n, m);
            } else if ((n.endsWith("$offset") || n.endsWith("$layout")) && m.getParameters().isEmpty()) {
                methods.put(n, m);
            }
        }
        return hasSizeof
                ? Optional.of(new Struct(tag, variant.struct(tag).canonicalName(), methods, Optional.ofNullable(layout)))
                : Optional.empty();
    }

    /**
     * The layout the bindings declare for {@code name}: the struct's {@code layout()} if there is such a
     * struct, else the typedef's field. Its type is as declared, not checked to be a {@code MemoryLayout}.
     */
    Optional<NamedLayout> layout(String name) {
        Optional<TypeMirror> structLayout = struct(name).flatMap(Struct::layout);
        if (structLayout.isPresent()) {
            return Optional.of(new NamedLayout(LayoutRead.Kind.STRUCT, structLayout.get(), name + ".layout()"));
        }
        return typedef(name).map(type -> new NamedLayout(LayoutRead.Kind.TYPEDEF, type, Variant.HEADER_CLASS + "." + name));
    }

    /** The declared type of the typedef field {@code Libc.name} ({@code ValueLayout.OfInt socklen_t}). */
    Optional<TypeMirror> typedef(String name) {
        return Optional.ofNullable(typedefs.get(name)).map(VariableElement::asType);
    }

    private static List<Carrier> carriers(List<? extends VariableElement> params) {
        return params.stream().map(p -> Carrier.of(p.asType())).toList();
    }

    private static String describe(String owner, ExecutableElement m) {
        StringBuilder s = new StringBuilder(owner).append('.').append(m.getSimpleName()).append('(');
        List<? extends VariableElement> params = m.getParameters();
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                s.append(", ");
            }
            boolean varargs = m.isVarArgs() && i == params.size() - 1;
            s.append(varargs ? "Object..." : Carrier.of(params.get(i).asType()).javaName());
        }
        return s.append(')').toString();
    }

    /**
     * A C function as the bindings declare it.
     *
     * @param variadic   whether it is a variadic invoker class ({@code fcntl})
     * @param parameters the carriers of the (fixed) parameters
     * @param declaration the Java declaration, for messages: {@code Libc.socket(int, int, int)}
     */
    record NativeFunction(String name, boolean variadic, List<Carrier> parameters, Carrier result, String declaration) {
    }

    /**
     * The layout of a struct or typedef as the bindings declare it.
     *
     * @param type        the declared Java type ({@code GroupLayout}, {@code ValueLayout.OfInt}, ...)
     * @param declaration where, for messages: {@code sockaddr_storage.layout()} or {@code Libc.socklen_t}
     */
    record NamedLayout(LayoutRead.Kind kind, TypeMirror type, String declaration) {
    }

    /**
     * A struct of the bindings and its fields.
     *
     * @param methods its static getters ({@code x(MemorySegment)}), {@code x$offset()} and {@code x$layout()}
     *                methods, in declaration order
     * @param layout  the return type of its {@code layout()}, if it has one
     */
    record Struct(String tag, String className, Map<String, ExecutableElement> methods, Optional<TypeMirror> layout) {

        /**
         * The Java type of field {@code name} (its getter's return type), if the struct has it: a
         * primitive for a scalar, {@code MemorySegment} for a nested struct, union, array or pointer.
         */
        Optional<Carrier> field(String name) {
            ExecutableElement getter = methods.get(name);
            if (getter == null || !methods.containsKey(name + "$offset")) {
                return Optional.empty();
            }
            return Optional.of(Carrier.of(getter.getReturnType()));
        }

        /** The declared type of field {@code name}'s {@code x$layout()} ({@code OfInt}, {@code GroupLayout}, ...). */
        Optional<TypeMirror> fieldLayout(String name) {
            return field(name).flatMap(f -> Optional.ofNullable(methods.get(name + "$layout")))
                    .map(ExecutableElement::getReturnType);
        }

        /** The names of its fields, in declaration order. */
        List<String> fields() {
            return methods.keySet().stream().filter(n -> !n.contains("$") && field(n).isPresent()).toList();
        }
    }
}
