package dev.conduit.processor;

import dev.conduit.processor.Bindings.NativeFunction;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @SocketOp}: a downcall of C function {@link #fn()}.
 *
 * @param targets per variant name, the function and the carriers the downcall handle takes (for a
 *                variadic function: its fixed parameters, then the method's variadic ones); a variant
 *                missing here is one the call is unavailable on
 */
record SocketCall(
        ExecutableElement method,
        String fn,
        boolean retryOnEintr,
        boolean critical,
        boolean captureErrno,
        Map<String, Target> targets) implements Operation {

    /** The function in one variant and the Java types its downcall handle is invoked with. */
    record Target(NativeFunction function, List<Carrier> parameters) {

        Carrier result() {
            return function.result();
        }
    }

    @Override
    public String does() {
        return "calls " + fn + Methods.parameterList(method)
                + (critical ? " as a critical call" : captureErrno ? "" : " without capturing errno");
    }
}
