package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;

/** Writes a {@code @SocketOp} method for one variant. */
final class CallWriter {

    private final ClassContext cx;

    CallWriter(ClassContext cx) {
        this.cx = cx;
    }

    /** Registers the call's holder class, so that its name is reserved before any method is written. */
    void plan(SocketCall call) {
        SocketCall.Target target = call.targets().get(cx.variant.name());
        if (target != null) {
            holder(call, target);
        }
    }

    MethodSpec write(SocketCall call) {
        MethodScope scope = cx.method(call.method());
        SocketCall.Target target = call.targets().get(cx.variant.name());
        if (target == null) {
            return scope.builder().addCode(cx.unavailable(call.fn())).build();
        }
        ClassName holder = holder(call, target);
        List<Carrier> declared = call.method().getParameters().stream().map(p -> Carrier.of(p.asType())).toList();
        if (call.callState()) {
            // the last parameter is the caller's capture segment, passed where the call's own would be
            declared = declared.subList(0, declared.size() - 1);
        }
        List<CodeBlock> arguments = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            Carrier from = declared.get(i);
            Carrier to = target.parameters().get(i);
            String name = scope.parameter(i);
            if (from == to) {
                arguments.add(CodeBlock.of("$N", name));
            } else if (to == Carrier.LONG) {
                arguments.add(CodeBlock.of("(long) $N", name));
            } else {
                // long passed as a C int on this variant: refuse what would be truncated
                scope.builder().beginControlFlow("if ($N != (int) $N)", name, name)
                        .addStatement("throw new $T($S$W+ $N$W+ $S)", IllegalArgumentException.class,
                                call.fn() + ": " + scope.declaredParameter(i) + " ", name,
                                " does not fit the C int it is passed as on " + cx.variant)
                        .endControlFlow();
                arguments.add(CodeBlock.of("(int) $N", name));
            }
        }
        CodeBlock args = CodeBlock.join(arguments, ",$W");
        Carrier returns = Carrier.of(call.method().getReturnType());
        if (call.captureErrno()) {
            ErrnoCall.Names names = ErrnoCall.Names.allocate(scope, call.callState());
            CodeBlock onSuccess;
            if (returns == Carrier.VOID) {
                onSuccess = call.retryOnEintr() ? CodeBlock.builder().addStatement("return").build() : CodeBlock.of("");
            } else {
                onSuccess = CodeBlock.builder().addStatement("return $N", names.result()).build();
            }
            scope.builder().addCode(ErrnoCall.write(cx, names, new ErrnoCall.Spec(call.fn(), call.retryOnEintr(),
                    CodeBlock.of(""), holder, arguments.isEmpty() ? args : CodeBlock.of(",$W$L", args), target.result(),
                    onSuccess, target.wouldBlock())));
        } else {
            scope.builder().addCode(rawCall(scope, call, holder, args, target.result(), returns));
        }
        return scope.build();
    }

    /** A call without errno capture: the result as the function returned it. */
    private CodeBlock rawCall(MethodScope scope, SocketCall call, ClassName holder, CodeBlock args, Carrier result,
            Carrier returns) {
        String exception = scope.local("e");
        CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("try");
        if (result == Carrier.VOID) {
            b.addStatement("$T.HANDLE.invokeExact($L)", holder, args);
        } else if (returns == Carrier.VOID) {
            b.addStatement("$T $N = ($T) $T.HANDLE.invokeExact($L)", result.typeName(), scope.local("result"),
                    result.typeName(), holder, args);
        } else {
            b.addStatement("return ($T) $T.HANDLE.invokeExact($L)", result.typeName(), holder, args);
        }
        b.nextControlFlow("catch ($T | $T $N)", RuntimeException.class, Error.class, exception);
        b.addStatement("throw $N", exception);
        b.add(ErrnoCall.catchChecked(call.fn(), exception));
        b.endControlFlow();
        return b.build();
    }

    private ClassName holder(SocketCall call, SocketCall.Target target) {
        DowncallHandles.Linkage linkage = call.critical() ? DowncallHandles.Linkage.CRITICAL
                : call.captureErrno() ? DowncallHandles.Linkage.CAPTURE_ERRNO : DowncallHandles.Linkage.PLAIN;
        return cx.handles.holder(target.function(), target.parameters(), linkage);
    }
}
