package dev.conduit.processor;

import dev.conduit.processor.Bindings.NativeFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * Validates a {@code @SocketOp} method against every variant's bindings.
 *
 * <p>A parameter matches the bindings when its type is the binding's, or is {@code int} where the
 * binding takes {@code long} (widened), or {@code long} where it takes {@code int} (range-checked at
 * run time): C types such as {@code nfds_t} are {@code unsigned long} on Linux and {@code unsigned int}
 * on macOS, and one interface serves both. A result matches when it is the binding's, {@code long} for
 * an {@code int} binding, or {@code void} (the result is checked, then dropped).
 */
final class SocketCallParser {

    private final ParseContext ctx;

    SocketCallParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    Optional<Operation> parse(ExecutableElement method, AnnotationMirror annotation) {
        int errorsBefore = ctx.reporter.errorCount();
        String fn = ctx.annotations.string(annotation, "fn");
        boolean retry = ctx.annotations.bool(annotation, "retryOnEintr");
        boolean critical = ctx.annotations.bool(annotation, "critical");
        boolean capture = ctx.annotations.bool(annotation, "captureErrno");
        boolean wouldBlock = ctx.annotations.bool(annotation, "returnWouldBlock");
        AnnotationValue wouldBlockValue = Annotations.explicitValue(annotation, "returnWouldBlock");
        String describe = Methods.describe(method);
        Set<String> unavailable = ctx.unavailableOn(method, annotation);

        if (critical && capture) {
            ctx.reporter.error(method, annotation, Annotations.explicitValue(annotation, "critical"),
                    Problem.CRITICAL_WITH_ERRNO, describe);
        }
        boolean callState = ctx.callState(method, capture);
        // the C function's arguments: every parameter but the caller's capture segment
        List<? extends VariableElement> arguments = method.getParameters();
        if (callState) {
            arguments = arguments.subList(0, arguments.size() - 1);
        }
        List<Carrier> params = new ArrayList<>();
        for (VariableElement p : arguments) {
            Carrier c = Carrier.of(p.asType());
            if (!c.crossesToC() || c == Carrier.VOID) {
                ctx.reporter.error(p, Problem.UNSUPPORTED_TYPE, describe, "parameter " + p.getSimpleName(),
                        Methods.simpleName(p.asType()));
            }
            params.add(c);
        }
        Carrier result = Carrier.of(method.getReturnType());
        if (!result.crossesToC()) {
            ctx.reporter.error(method, Problem.UNSUPPORTED_TYPE, describe, "the result",
                    Methods.simpleName(method.getReturnType()));
        } else if (capture && !checkable(result) && result != Carrier.VOID) {
            ctx.reporter.error(method, Problem.NO_FAILURE_VALUE, describe, describe, result.javaName());
        } else if (wouldBlock && !checkable(result)) {
            ctx.reporter.error(method, Problem.WOULD_BLOCK_RESULT, describe, result.javaName());
        }
        if (wouldBlock && !capture) {
            ctx.reporter.error(method, annotation, wouldBlockValue, Problem.WOULD_BLOCK_WITHOUT_ERRNO, describe);
        }
        if (capture && !ctx.declaresIOException(method)) {
            ctx.reporter.error(method, Problem.MISSING_THROWS, describe, ctx.errorsName, Problem.OR_NO_ERRNO.text());
        }
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }

        Map<String, SocketCall.Target> targets = new LinkedHashMap<>();
        for (Bindings b : ctx.bindings()) {
            Variant v = b.variant();
            if (unavailable.contains(v.name())) {
                continue;
            }
            Optional<NativeFunction> found = b.function(fn);
            if (found.isEmpty()) {
                ctx.missingFunction(method, annotation, Annotations.explicitValue(annotation, "fn"), fn, v, true);
                continue;
            }
            NativeFunction f = found.get();
            SocketCall.WouldBlock wouldBlockErrnos = wouldBlock
                    ? ctx.wouldBlockErrnos(method, annotation, wouldBlockValue, b) : SocketCall.WouldBlock.NONE;
            if (matches(method, params, result, capture, f, v)) {
                List<Carrier> handleParams = new ArrayList<>(f.parameters());
                if (f.variadic()) {
                    handleParams.addAll(params.subList(f.parameters().size(), params.size()));
                }
                targets.put(v.name(), new SocketCall.Target(f, List.copyOf(handleParams), wouldBlockErrnos));
            }
            if (capture && retry) {
                ctx.requireEintr(method, annotation, b, true);
            }
        }
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new SocketCall(method, fn, retry, critical, capture, wouldBlock, callState, targets));
    }

    /** Compares the method with the binding of one variant, reporting each difference. */
    private boolean matches(ExecutableElement method, List<Carrier> params, Carrier result, boolean capture,
            NativeFunction f, Variant v) {
        String describe = Methods.describe(method);
        List<Carrier> fixed = f.parameters();
        boolean arityOk = f.variadic() ? params.size() >= fixed.size() : params.size() == fixed.size();
        if (!arityOk) {
            ctx.reporter.error(method, Problem.ARITY_MISMATCH, describe, params.size(), f.name(), v,
                    fixed.size(), f.declaration(),
                    Methods.carrierList(fixed) + (f.variadic() ? " followed by the variadic arguments" : ""));
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < fixed.size(); i++) {
            if (!parameterCompatible(params.get(i), fixed.get(i))) {
                VariableElement p = method.getParameters().get(i);
                ctx.reporter.error(p, Problem.PARAMETER_MISMATCH, describe, p.getSimpleName(),
                        params.get(i).javaName(), f.name(), v, fixed.get(i).javaName(), f.declaration(),
                        fixed.get(i).javaName());
                ok = false;
            }
        }
        for (int i = fixed.size(); i < params.size(); i++) {
            if (!params.get(i).variadicSupported()) {
                VariableElement p = method.getParameters().get(i);
                ctx.reporter.error(p, Problem.UNSUPPORTED_VARIADIC, describe, p.getSimpleName(), f.name(),
                        params.get(i).javaName());
                ok = false;
            }
        }
        if (capture && !checkable(f.result())) {
            ctx.reporter.error(method, Problem.NO_FAILURE_VALUE, describe, f.declaration() + " on " + v,
                    f.result().javaName());
            return false;
        }
        if (!resultCompatible(f.result(), result, capture)) {
            String orVoid = checkable(f.result()) || (!capture && f.result() != Carrier.VOID)
                    ? " (or void to drop it)" : "";
            ctx.reporter.error(method, Problem.RETURN_MISMATCH, describe, result.javaName(), f.name(), v,
                    f.result().javaName(), f.declaration(), f.result().javaName(), orVoid);
            ok = false;
        }
        return ok;
    }

    /** A result that signals failure with -1. */
    private static boolean checkable(Carrier c) {
        return c == Carrier.INT || c == Carrier.LONG;
    }

    /** Same type, or int and long, which the generated code converts (checking range when narrowing). */
    static boolean parameterCompatible(Carrier declared, Carrier binding) {
        return declared == binding || (checkable(declared) && checkable(binding));
    }

    /** Same type, int widened to long, or void dropping the result. */
    static boolean resultCompatible(Carrier binding, Carrier declared, boolean capture) {
        if (declared == binding) {
            return true;
        }
        if (declared == Carrier.VOID) {
            return capture ? checkable(binding) : true;
        }
        return binding == Carrier.INT && declared == Carrier.LONG;
    }
}
