package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The helpers a generated class nests besides its downcall handles: {@code CallState} (the errno
 * capture segment), {@code ErrnoNames} (errno value to name), and the {@code NETWORK_SHORT} and
 * {@code NETWORK_INT} layouts.
 */
final class SupportTypes {

    static final String CALL_STATE = "CallState";
    static final String ERRNO_NAMES = "ErrnoNames";
    static final String NETWORK_SHORT = "NETWORK_SHORT";
    static final String NETWORK_INT = "NETWORK_INT";

    /**
     * Names that share a value with a better-known one on some platform; listed after all others so
     * that the better-known name wins ({@code EAGAIN} over {@code EWOULDBLOCK}, {@code EOPNOTSUPP} over
     * {@code ENOTSUP}, {@code EDEADLK} over {@code EDEADLOCK}).
     */
    static final Set<String> ERRNO_ALIASES = Set.of("EWOULDBLOCK", "ENOTSUP", "EDEADLOCK");

    private static final ClassName MEMORY_LAYOUT = ClassName.get("java.lang.foreign", "MemoryLayout");
    private static final ClassName VALUE_LAYOUT = ClassName.get("java.lang.foreign", "ValueLayout");
    private static final ClassName STRUCT_LAYOUT = ClassName.get("java.lang.foreign", "StructLayout");
    private static final ClassName LINKER_OPTION = ClassName.get("java.lang.foreign", "Linker", "Option");

    private SupportTypes() {
    }

    /** {@code CallState}: the layout of the capture segment, a reader for its errno and a check of a caller's one. */
    static TypeSpec callState() {
        return TypeSpec.classBuilder(CALL_STATE)
                .addJavadoc("Where a downcall captures errno: a segment of {@link #LAYOUT}, one per call or the\n"
                        + "caller's {@code @CallState} one.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addField(FieldSpec.builder(STRUCT_LAYOUT, "LAYOUT", Modifier.STATIC, Modifier.FINAL)
                        .initializer("$T.captureStateLayout()", LINKER_OPTION)
                        .build())
                .addField(FieldSpec.builder(VarHandle.class, "ERRNO", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("LAYOUT$Z.varHandle($T.PathElement.groupElement($S))", MEMORY_LAYOUT, "errno")
                        .build())
                .addMethod(MethodSpec.methodBuilder("errno")
                        .addModifiers(Modifier.STATIC)
                        .returns(int.class)
                        .addParameter(Carrier.MEMORY_SEGMENT, "state")
                        .addStatement("return (int) ERRNO.get(state, 0L)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("check")
                        .addJavadoc("Refuses a caller's segment that cannot hold {@link #LAYOUT}; {@code what} names it.\n")
                        .addModifiers(Modifier.STATIC)
                        .addParameter(Carrier.MEMORY_SEGMENT, "state")
                        .addParameter(String.class, "what")
                        .beginControlFlow("if (!state.isNative() || state.byteSize() < LAYOUT.byteSize()\n$>$>"
                                + "|| (state.address() & (LAYOUT.byteAlignment() - 1)) != 0$<$<)")
                        .addStatement("throw new $T(what + $S$W+ LAYOUT.byteSize() + $S$W+ LAYOUT.byteAlignment()$W+ $S"
                                        + "$W+ state)", IllegalArgumentException.class,
                                " must be a native segment of at least ", " bytes aligned to ",
                                " (allocate it with the layout of Linker.Option.captureStateLayout()), not ")
                        .endControlFlow()
                        .build())
                .build();
    }

    /** {@code ErrnoNames}: a map from every errno constant of the variant to its name. */
    static TypeSpec errnoNames(Variant variant, Set<String> names) {
        List<String> ordered = new ArrayList<>(names);
        ordered.sort(Comparator.comparing((String n) -> ERRNO_ALIASES.contains(n)).thenComparing(n -> n));
        ClassName libc = variant.headerClass();
        TypeName map = ParameterizedTypeName.get(Map.class, Integer.class, String.class);
        CodeBlock.Builder body = CodeBlock.builder()
                .addStatement("$T names = new $T<>()", map, HashMap.class);
        for (String name : ordered) {
            body.addStatement("names.putIfAbsent($T.$N(), $S)", libc, name, name);
        }
        body.addStatement("return $T.copyOf(names)", Map.class);
        return TypeSpec.classBuilder(ERRNO_NAMES)
                .addJavadoc("The errno names of $L, from every E* constant in its bindings. Where names\n"
                        + "share a value the first one put wins: aliases such as EWOULDBLOCK come last.\n", variant)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addField(FieldSpec.builder(map, "NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("names()")
                        .build())
                .addMethod(MethodSpec.methodBuilder("names")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .returns(map)
                        .addCode(body.build())
                        .build())
                .addMethod(MethodSpec.methodBuilder("of")
                        .addJavadoc("{@return the name of {@code errno}, or {@code \"errno <n>\"} if it has none}\n")
                        .addModifiers(Modifier.STATIC)
                        .returns(String.class)
                        .addParameter(int.class, "errno")
                        .addStatement("$T name = NAMES.get(errno)", String.class)
                        .addStatement("return name != null ? name : $S + errno", "errno ")
                        .build())
                .build();
    }

    /** {@code NETWORK_SHORT}: a port in network byte order, at any alignment. */
    static FieldSpec networkShort() {
        return FieldSpec.builder(VALUE_LAYOUT.nestedClass("OfShort"), NETWORK_SHORT,
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.JAVA_SHORT_UNALIGNED$Z.withOrder($T.BIG_ENDIAN)", VALUE_LAYOUT, ByteOrder.class)
                .build();
    }

    /** {@code NETWORK_INT}: an IPv6 flow info in network byte order, at any alignment. */
    static FieldSpec networkInt() {
        return FieldSpec.builder(VALUE_LAYOUT.nestedClass("OfInt"), NETWORK_INT,
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.JAVA_INT_UNALIGNED$Z.withOrder($T.BIG_ENDIAN)", VALUE_LAYOUT, ByteOrder.class)
                .build();
    }
}
