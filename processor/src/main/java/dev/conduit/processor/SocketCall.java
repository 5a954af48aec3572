package dev.conduit.processor;

import dev.conduit.processor.Bindings.NativeFunction;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @SocketOp}: a downcall of C function {@link #fn()}.
 *
 * @param returnWouldBlock {@code EAGAIN} and friends return {@code SocketOp.WOULD_BLOCK}
 * @param callState        the method's last parameter is the caller's capture segment ({@code @CallState}),
 *                         not an argument of the C function
 * @param targets          per variant name, the function and the carriers the downcall handle takes (for a
 *                         variadic function: its fixed parameters, then the method's variadic ones); a variant
 *                         missing here is one the call is unavailable on
 */
record SocketCall(
        ExecutableElement method,
        String fn,
        boolean retryOnEintr,
        boolean critical,
        boolean captureErrno,
        boolean returnWouldBlock,
        boolean callState,
        Map<String, Target> targets) implements Operation {

    /**
     * The function in one variant and the Java types its downcall handle is invoked with.
     *
     * @param wouldBlock what returns {@code WOULD_BLOCK} there; none unless {@link #returnWouldBlock()}
     */
    record Target(NativeFunction function, List<Carrier> parameters, WouldBlock wouldBlock) {

        Carrier result() {
            return function.result();
        }
    }

    /**
     * The errno constants a {@code returnWouldBlock} call compares with in one variant.
     *
     * @param errnos  the constants compared, distinct in value
     * @param aliases those left out for having the value of one compared, as {@code "EWOULDBLOCK is EAGAIN"}
     */
    record WouldBlock(List<String> errnos, List<String> aliases) {

        static final WouldBlock NONE = new WouldBlock(List.of(), List.of());
    }

    @Override
    public String does() {
        String parameters = Methods.parameterList(method);
        if (callState) {
            parameters = Methods.carrierList(method.getParameters().subList(0, method.getParameters().size() - 1)
                    .stream().map(p -> Carrier.of(p.asType())).toList());
        }
        return "calls " + fn + parameters
                + (critical ? " as a critical call" : captureErrno ? "" : " without capturing errno")
                + (returnWouldBlock ? " returning WOULD_BLOCK" : "")
                + (callState ? " into the caller's call state" : "");
    }
}
