package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.conduit.processor.Bindings.NativeFunction;
import java.util.Objects;

/**
 * Writes a {@code @SockOpt} method for one variant: {@code setsockopt} or {@code getsockopt} with the option
 * value in the call's arena, either a C {@code int} ({@code boolean} is nonzero) or the variant's struct
 * ({@code <struct>.layout()}, filled and read by {@link StructValueWriter}). {@code getsockopt}'s length is
 * the variant's {@code socklen_t}. A {@code @CallState} parameter only replaces the capture segment: the value
 * still lives in the call's arena.
 */
final class SockOptWriter {

    private final ClassContext cx;
    private final Bindings bindings;
    private final StructValueWriter structs;

    SockOptWriter(ClassContext cx, Bindings bindings) {
        this.cx = cx;
        this.bindings = bindings;
        this.structs = new StructValueWriter(cx);
    }

    void plan(SockOptAccess option) {
        if (!option.unavailableOn().contains(cx.variant.name())) {
            holder(option);
            if (option.struct() != null) {
                structs.plan(option.struct());
            }
        }
    }

    MethodSpec write(SockOptAccess option) {
        MethodScope scope = cx.method(option.method());
        if (option.unavailableOn().contains(cx.variant.name())) {
            return scope.builder().addCode(cx.unavailable(option.option().name())).build();
        }
        ClassName holder = holder(option);
        StructValue struct = option.struct();
        String fd = scope.parameter(0);
        String value = scope.local(struct == null ? "value" : "struct");
        ErrnoCall.Names names = ErrnoCall.Names.allocate(scope, option.callState());
        CodeBlock.Builder prelude = CodeBlock.builder();
        CodeBlock arguments;
        CodeBlock onSuccess;
        if (option.setter()) {
            String on = scope.parameter(1);
            if (struct != null) {
                scope.builder().addStatement("$T.requireNonNull($N, $S)", Objects.class, on, scope.declaredParameter(1));
                scope.builder().addCode(structs.checks(struct, on));
                prelude.addStatement("$T $N = $N.allocate($T.layout())", Carrier.MEMORY_SEGMENT, value, names.arena(),
                        cx.struct(struct.tag()));
                prelude.add(structs.fill(struct, on, value));
            } else if (option.value() == Carrier.BOOLEAN) {
                prelude.addStatement("$T $N = $N.allocateFrom($T.C_INT, $N ? 1 : 0)", Carrier.MEMORY_SEGMENT, value,
                        names.arena(), cx.libc, on);
            } else {
                prelude.addStatement("$T $N = $N.allocateFrom($T.C_INT, $N)", Carrier.MEMORY_SEGMENT, value,
                        names.arena(), cx.libc, on);
            }
            arguments = CodeBlock.of(",$W$N,$W$T.$N(),$W$T.$N(),$W$N,$W(int) $N.byteSize()", fd, cx.libc, option.level(),
                    cx.libc, option.option().in(cx.variant), value, value);
            onSuccess = CodeBlock.builder().addStatement("return").build();
        } else {
            String length = scope.local("length");
            if (struct != null) {
                prelude.addStatement("$T $N = $N.allocate($T.layout())", Carrier.MEMORY_SEGMENT, value, names.arena(),
                        cx.struct(struct.tag()));
            } else {
                prelude.addStatement("$T $N = $N.allocate($T.C_INT)", Carrier.MEMORY_SEGMENT, value, names.arena(),
                        cx.libc);
            }
            prelude.addStatement("$T $N = $N.allocateFrom($T.$N, (int) $N.byteSize())", Carrier.MEMORY_SEGMENT,
                    length, names.arena(), cx.libc, SockOptParser.SOCKLEN, value);
            arguments = CodeBlock.of(",$W$N,$W$T.$N(),$W$T.$N(),$W$N,$W$N", fd, cx.libc, option.level(), cx.libc,
                    option.option().in(cx.variant), value, length);
            if (struct != null) {
                onSuccess = structs.read(scope, struct, value);
            } else if (option.value() == Carrier.BOOLEAN) {
                onSuccess = CodeBlock.builder().addStatement("return $N.get($T.C_INT, 0L) != 0", value, cx.libc).build();
            } else {
                onSuccess = CodeBlock.builder().addStatement("return $N.get($T.C_INT, 0L)", value, cx.libc).build();
            }
        }
        scope.builder().addCode(ErrnoCall.write(cx, names, new ErrnoCall.Spec(option.fn(), true, prelude.build(),
                holder, arguments, Carrier.INT, onSuccess)));
        return scope.build();
    }

    private ClassName holder(SockOptAccess option) {
        NativeFunction fn = bindings.function(option.fn()).orElseThrow();
        return cx.handles.holder(fn, fn.parameters(), DowncallHandles.Linkage.CAPTURE_ERRNO);
    }
}
