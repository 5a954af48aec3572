package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes, for one variant, the code that moves a {@code @Struct} record into and out of its C struct through
 * the bindings' field accessors: a scalar is widened where the C field is wider and range-checked where it
 * is narrower, a {@code boolean} is nonzero, a {@code byte[]} is copied to (at most the size of) its nested
 * field. Unsigned C fields are taken as jextract's signed carrier.
 */
final class StructValueWriter {

    private static final ClassName VALUE_LAYOUT = ClassName.get("java.lang.foreign", "ValueLayout");

    private final ClassContext cx;

    StructValueWriter(ClassContext cx) {
        this.cx = cx;
    }

    /** Registers the struct class and the record, so that no parameter hides them. */
    void plan(StructValue struct) {
        cx.useStruct(struct.tag());
        cx.reserve(struct.type().simpleName());
    }

    /**
     * Checks the record {@code value} before anything is allocated: no null {@code byte[]}, none longer than
     * its field, no scalar outside its narrower C field.
     */
    CodeBlock checks(StructValue struct, String value) {
        ClassName bindings = cx.struct(struct.tag());
        CodeBlock.Builder b = CodeBlock.builder();
        for (StructValue.Component c : struct.components()) {
            Carrier field = c.fields().get(cx.variant.name());
            String name = struct.type().simpleName() + "." + c.name();
            CodeBlock get = CodeBlock.of("$N.$N()", value, c.name());
            if (c.bytes()) {
                b.addStatement("$T.requireNonNull($L, $S)", Objects.class, get, name);
                b.beginControlFlow("if ($L.length > $T.$N().byteSize())", get, bindings, c.name() + "$layout")
                        .addStatement("throw new $T($S$W+ $L.length$W+ $S$W+ $T.$N().byteSize()$W+ $S)",
                                IllegalArgumentException.class, name + " has ", get,
                                " bytes, but field " + c.name() + " of struct " + struct.tag() + " has ", bindings,
                                c.name() + "$layout", " on " + cx.variant)
                        .endControlFlow();
            } else if (narrows(c.type(), field)) {
                b.beginControlFlow("if ($L != ($T) $L)", get, field.typeName(), get)
                        .addStatement("throw new $T($S$W+ $L$W+ $S)", IllegalArgumentException.class, name + " ", get,
                                " does not fit field " + c.name() + " of struct " + struct.tag() + " on "
                                        + cx.variant + " (" + field.javaName() + ": " + range(field) + ")")
                        .endControlFlow();
            }
        }
        return b.build();
    }

    /** Writes the checked record {@code value} into the zeroed struct {@code segment}. */
    CodeBlock fill(StructValue struct, String value, String segment) {
        ClassName bindings = cx.struct(struct.tag());
        CodeBlock.Builder b = CodeBlock.builder();
        for (StructValue.Component c : struct.components()) {
            CodeBlock get = CodeBlock.of("$N.$N()", value, c.name());
            if (c.bytes()) {
                // the rest of the field stays 0, as allocated
                b.addStatement("$T.copy($L, 0, $N, $T.JAVA_BYTE,$W$T.$N(), $L.length)", Carrier.MEMORY_SEGMENT, get,
                        segment, VALUE_LAYOUT, bindings, c.name() + "$offset", get);
            } else {
                b.addStatement("$T.$N($N, $L)", bindings, c.name(), segment,
                        convert(get, c.type(), c.fields().get(cx.variant.name())));
            }
        }
        return b.build();
    }

    /** Returns a new record read from the struct in {@code segment}, range-checking narrowed fields. */
    CodeBlock read(MethodScope scope, StructValue struct, String segment) {
        ClassName bindings = cx.struct(struct.tag());
        CodeBlock.Builder b = CodeBlock.builder();
        List<CodeBlock> arguments = new ArrayList<>();
        for (StructValue.Component c : struct.components()) {
            Carrier field = c.fields().get(cx.variant.name());
            if (c.bytes()) {
                arguments.add(CodeBlock.of("$N.asSlice($T.$N(), $T.$N().byteSize())$Z.toArray($T.JAVA_BYTE)", segment,
                        bindings, c.name() + "$offset", bindings, c.name() + "$layout", VALUE_LAYOUT));
                continue;
            }
            CodeBlock get = CodeBlock.of("$T.$N($N)", bindings, c.name(), segment);
            if (narrows(field, c.type())) {
                String local = scope.local(c.name());
                b.addStatement("$T $N = $L", field.typeName(), local, get);
                b.beginControlFlow("if ($N != ($T) $N)", local, c.type().typeName(), local)
                        .addStatement("throw new $T($S$W+ $N$W+ $S)", IllegalArgumentException.class,
                                "field " + c.name() + " of struct " + struct.tag() + " is ", local,
                                " on " + cx.variant + ", outside " + struct.type().simpleName() + "." + c.name() + "'s "
                                        + c.type().javaName() + " range (" + range(c.type()) + ")")
                        .endControlFlow();
                get = CodeBlock.of("$N", local);
            }
            arguments.add(convert(get, field, c.type()));
        }
        b.addStatement("return new $T($L)", struct.type(), CodeBlock.join(arguments, ",$W"));
        return b.build();
    }

    /** {@code value} of Java type {@code from} as a {@code to}, after any range check. */
    private static CodeBlock convert(CodeBlock value, Carrier from, Carrier to) {
        if (from == to) {
            return value;
        }
        if (to == Carrier.BOOLEAN) {
            return CodeBlock.of("$L != 0", value);
        }
        if (from == Carrier.BOOLEAN) {
            return switch (to) {
                case INT -> CodeBlock.of("$L ? 1 : 0", value);
                case LONG -> CodeBlock.of("$L ? 1L : 0L", value);
                default -> CodeBlock.of("($T) ($L ? 1 : 0)", to.typeName(), value);
            };
        }
        // widening happens by itself; narrowing was range-checked
        return width(from) < width(to) ? value : CodeBlock.of("($T) $L", to.typeName(), value);
    }

    /** Whether a {@code from} may not fit a {@code to} (booleans always fit: they are 0 or 1). */
    private static boolean narrows(Carrier from, Carrier to) {
        return from != Carrier.BOOLEAN && to != Carrier.BOOLEAN && width(from) > width(to);
    }

    private static int width(Carrier c) {
        return switch (c) {
            case BYTE -> Byte.BYTES;
            case SHORT -> Short.BYTES;
            case INT -> Integer.BYTES;
            case LONG -> Long.BYTES;
            default -> throw new IllegalArgumentException("not an integer carrier: " + c);
        };
    }

    private static String range(Carrier c) {
        return switch (c) {
            case BYTE -> Byte.MIN_VALUE + ".." + Byte.MAX_VALUE;
            case SHORT -> Short.MIN_VALUE + ".." + Short.MAX_VALUE;
            case INT -> Integer.MIN_VALUE + ".." + Integer.MAX_VALUE;
            default -> throw new IllegalArgumentException("no narrower range: " + c);
        };
    }
}
