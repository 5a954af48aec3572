package dev.conduit.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import dev.conduit.processor.Bindings.NativeFunction;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The downcall handles of one generated class. Each is a {@code static final} field of its own
 * nested holder class ({@code SocketHandle.HANDLE}), so it is linked when first used and never for a
 * variant that is only instantiated. Calls that link the same way share a holder.
 */
final class DowncallHandles {

    private static final ClassName LINKER = ClassName.get("java.lang.foreign", "Linker");
    private static final ClassName LINKER_OPTION = LINKER.nestedClass("Option");
    private static final ClassName FUNCTION_DESCRIPTOR = ClassName.get("java.lang.foreign", "FunctionDescriptor");

    /** How a function is linked. */
    enum Linkage {
        /** {@code captureCallState("errno")}: the normal case. */
        CAPTURE_ERRNO(""),
        /** No options: the raw result, nothing captured. */
        PLAIN("NoErrno"),
        /** {@code critical(false)}: no errno, no thread-state transition. */
        CRITICAL("Critical");

        private final String suffix;

        Linkage(String suffix) {
            this.suffix = suffix;
        }
    }

    private record Key(String fn, List<Carrier> variadicTypes, Linkage linkage) {
    }

    private record Holder(ClassName name, TypeSpec spec) {
    }

    private final ClassName enclosing;
    private final ClassName libc;
    private final NameAllocator names;
    private final Map<Key, Holder> holders = new LinkedHashMap<>();

    /** {@code names} allocates every nested type name of the generated class. */
    DowncallHandles(ClassName enclosing, ClassName libc, NameAllocator names) {
        this.enclosing = enclosing;
        this.libc = libc;
        this.names = names;
    }

    /**
     * The holder class for calling {@code function} with {@code parameters} (for a variadic function,
     * its fixed parameters followed by the variadic ones), created on first request.
     */
    ClassName holder(NativeFunction function, List<Carrier> parameters, Linkage linkage) {
        List<Carrier> variadic = function.variadic()
                ? parameters.subList(function.parameters().size(), parameters.size())
                : List.of();
        Key key = new Key(function.name(), List.copyOf(variadic), linkage);
        return holders.computeIfAbsent(key, k -> create(k, function, parameters)).name();
    }

    /** The holder classes, in order of first use. */
    List<TypeSpec> types() {
        return holders.values().stream().map(Holder::spec).toList();
    }

    /** The simple names of all holders so far. */
    List<String> simpleNames() {
        return holders.values().stream().map(h -> h.name().simpleName()).toList();
    }

    private Holder create(Key key, NativeFunction function, List<Carrier> parameters) {
        StringBuilder base = new StringBuilder(capitalize(key.fn()));
        for (Carrier c : key.variadicTypes()) {
            base.append(capitalize(c.javaName()));
        }
        base.append(key.linkage().suffix).append("Handle");
        ClassName name = enclosing.nestedClass(names.newName(base.toString(), key));

        List<CodeBlock> arguments = new ArrayList<>();
        if (function.variadic()) {
            ClassName invoker = libc.nestedClass(function.name());
            arguments.add(CodeBlock.of("$T.address()", invoker));
            arguments.add(descriptor(function.result(), parameters));
            arguments.add(CodeBlock.of("$T.firstVariadicArg($L)", LINKER_OPTION, function.parameters().size()));
        } else {
            // Not jextract's f$address()/f$descriptor(): reading either initializes jextract's holder
            // of f, which links a second downcall handle of its own (never used here), and linking is
            // most of start-up. The descriptor is the same one, built from the binding's signature
            // and the bindings' own C layouts; the address is found in the same (default) library.
            arguments.add(CodeBlock.of("$T.nativeLinker().defaultLookup().findOrThrow($S)", LINKER, function.name()));
            arguments.add(descriptor(function.result(), function.parameters()));
        }
        switch (key.linkage()) {
            case CAPTURE_ERRNO -> arguments.add(CodeBlock.of("$T.captureCallState($S)", LINKER_OPTION, "errno"));
            case CRITICAL -> arguments.add(CodeBlock.of("$T.critical(false)", LINKER_OPTION));
            case PLAIN -> { }
        }
        FieldSpec handle = FieldSpec.builder(MethodHandle.class, "HANDLE", Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.nativeLinker().downcallHandle(\n$>$>$L$<$<)", LINKER,
                        CodeBlock.join(arguments, ",\n"))
                .build();
        String signature = function.variadic()
                ? function.name() + Methods.carrierList(parameters) + ", variadic from argument "
                        + (function.parameters().size() + 1)
                : function.name();
        String how = switch (key.linkage()) {
            case CAPTURE_ERRNO -> "capturing errno";
            case PLAIN -> "without capturing errno";
            case CRITICAL -> "as a critical call (no errno, no thread-state transition)";
        };
        TypeSpec spec = TypeSpec.classBuilder(name)
                .addJavadoc("{@code $L}: linked on first use, $L.\n", signature, how)
                .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "restricted")
                        .build())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addField(handle)
                .build();
        return new Holder(name, spec);
    }

    /** {@code FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, ...)}: the result's layout, then the parameters'. */
    private CodeBlock descriptor(Carrier result, List<Carrier> parameters) {
        CodeBlock.Builder args = CodeBlock.builder();
        boolean first = true;
        if (result != Carrier.VOID) {
            args.add("$T.$N", libc, result.layoutField());
            first = false;
        }
        for (Carrier p : parameters) {
            args.add(first ? "$T.$N" : ",$W$T.$N", libc, p.layoutField());
            first = false;
        }
        return CodeBlock.of(result == Carrier.VOID ? "$T.ofVoid($L)" : "$T.of($L)", FUNCTION_DESCRIPTOR, args.build());
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
