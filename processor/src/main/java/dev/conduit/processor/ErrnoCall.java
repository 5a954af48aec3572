package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the body shared by every errno-capturing downcall: a per-call confined arena holding the
 * capture segment (or the caller's {@code @CallState} segment, checked first, and an arena only if the
 * prelude allocates); a result of {@code -1} reads errno, returns {@code SocketOp.WOULD_BLOCK} for the
 * would-block errnos if asked to and, unless it is {@code EINTR} and the call is retried, throws
 * {@code errors.forErrno(fn, name, errno)}. Exceptions from {@code invokeExact} pass through if unchecked;
 * a checked one (which a downcall cannot throw) becomes an AssertionError.
 */
final class ErrnoCall {

    static final ClassName ARENA = ClassName.get("java.lang.foreign", "Arena");
    static final ClassName SOCKET_OP = ClassName.get("dev.conduit.ops", "SocketOp");

    private ErrnoCall() {
    }

    /**
     * @param prelude    statements run first inside the try block; they may use {@link Names#arena}
     * @param holder     the downcall handle's holder class
     * @param arguments  the arguments after the capture segment, each preceded by ", "
     * @param result     the Java type {@code invokeExact} returns: {@code INT} or {@code LONG}
     * @param onSuccess  the statement(s) run with the result when it is not -1 (a return, in a retry
     *                   loop); empty to fall through
     * @param wouldBlock the variant's errno constants that return {@code SocketOp.WOULD_BLOCK}
     */
    record Spec(String fn, boolean retry, CodeBlock prelude, ClassName holder, CodeBlock arguments, Carrier result,
            CodeBlock onSuccess, SocketCall.WouldBlock wouldBlock) {

        Spec(String fn, boolean retry, CodeBlock prelude, ClassName holder, CodeBlock arguments, Carrier result,
                CodeBlock onSuccess) {
            this(fn, retry, prelude, holder, arguments, result, onSuccess, SocketCall.WouldBlock.NONE);
        }
    }

    /**
     * The local names a call uses, allocated after the method's parameters.
     *
     * @param state    the capture segment: a local, or the caller's parameter
     * @param supplied the name of the {@code @CallState} parameter as declared (for messages), or null when
     *                 the call allocates its own segment
     */
    record Names(String arena, String state, String supplied, String result, String errno, String exception) {

        static Names allocate(MethodScope scope) {
            return new Names(scope.local("arena"), scope.local("callState"), null, scope.local("result"),
                    scope.local("errno"), scope.local("e"));
        }

        /** With the method's last parameter as the capture segment when {@code callState}. */
        static Names allocate(MethodScope scope, boolean callState) {
            if (!callState) {
                return allocate(scope);
            }
            int last = scope.parameterCount() - 1;
            return new Names(scope.local("arena"), scope.parameter(last), scope.declaredParameter(last),
                    scope.local("result"), scope.local("errno"), scope.local("e"));
        }
    }

    static CodeBlock write(ClassContext cx, Names n, Spec spec) {
        ClassName callState = cx.callState();
        CodeBlock invoke = CodeBlock.of("$T $N = ($T) $T.HANDLE.invokeExact($N$L)", spec.result().typeName(), n.result(),
                spec.result().typeName(), spec.holder(), n.state(), spec.arguments());
        CodeBlock.Builder b = CodeBlock.builder();
        if (n.supplied() != null) {
            b.addStatement("$T.check($N, $S)", callState, n.state(), spec.fn() + ": " + n.supplied());
        }
        if (n.supplied() == null || !spec.prelude().isEmpty()) {
            b.beginControlFlow("try ($T $N = $T.ofConfined())", ARENA, n.arena(), ARENA);
        } else {
            b.beginControlFlow("try");
        }
        b.add(spec.prelude());
        if (n.supplied() == null) {
            b.addStatement("$T $N = $N.allocate($T.LAYOUT)", Carrier.MEMORY_SEGMENT, n.state(), n.arena(), callState);
        }
        if (spec.retry()) {
            b.beginControlFlow("while (true)");
            b.addStatement(invoke);
            b.beginControlFlow("if ($N != -1)", n.result());
            b.add(spec.onSuccess());
            b.endControlFlow();
            b.addStatement("int $N = $T.errno($N)", n.errno(), callState, n.state());
            b.add(wouldBlock(cx, n, spec));
            b.beginControlFlow("if ($N != $T.EINTR())", n.errno(), cx.libc);
            b.add(throwForErrno(cx, n, spec.fn()));
            b.endControlFlow();
            b.endControlFlow();
        } else {
            b.addStatement(invoke);
            b.beginControlFlow("if ($N == -1)", n.result());
            b.addStatement("int $N = $T.errno($N)", n.errno(), callState, n.state());
            b.add(wouldBlock(cx, n, spec));
            b.add(throwForErrno(cx, n, spec.fn()));
            b.endControlFlow();
            b.add(spec.onSuccess());
        }
        b.nextControlFlow("catch ($T | $T | $T $N)", IOException.class, RuntimeException.class, Error.class,
                n.exception());
        b.addStatement("throw $N", n.exception());
        b.add(catchChecked(spec.fn(), n.exception()));
        b.endControlFlow();
        return b.build();
    }

    /** {@code if (errno == Libc.EAGAIN() || ...) { return SocketOp.WOULD_BLOCK; }}, or nothing. */
    private static CodeBlock wouldBlock(ClassContext cx, Names n, Spec spec) {
        if (spec.wouldBlock().errnos().isEmpty()) {
            return CodeBlock.of("");
        }
        List<CodeBlock> tests = new ArrayList<>();
        for (String name : spec.wouldBlock().errnos()) {
            tests.add(CodeBlock.of("$N == $T.$N()", n.errno(), cx.libc, name));
        }
        CodeBlock.Builder b = CodeBlock.builder();
        if (!spec.wouldBlock().aliases().isEmpty()) {
            b.add("// $L on $L\n", String.join(", ", spec.wouldBlock().aliases()), cx.variant);
        }
        return b.beginControlFlow("if ($L)", CodeBlock.join(tests, " ||$W"))
                .addStatement("return $T.WOULD_BLOCK", SOCKET_OP)
                .endControlFlow()
                .build();
    }

    /** {@code } catch (Throwable e) { throw new AssertionError(...); }}, continuing an open try. */
    static CodeBlock catchChecked(String fn, String exception) {
        return CodeBlock.builder()
                .nextControlFlow("catch ($T $N)", Throwable.class, exception)
                .addStatement("throw new $T($S, $N)", AssertionError.class,
                        fn + ": the downcall threw a checked exception", exception)
                .build();
    }

    private static CodeBlock throwForErrno(ClassContext cx, Names n, String fn) {
        return CodeBlock.builder()
                .addStatement("throw $T.forErrno($S, $T.of($N), $N)", cx.model.errors(), fn, cx.errnoNames(),
                        n.errno(), n.errno())
                .build();
    }
}
