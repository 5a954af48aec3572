package dev.conduit.processor;

import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @SockOpt}: {@code setsockopt} (a setter, {@code void m(int fd, V value)}) or {@code getsockopt}
 * (a getter, {@code V m(int fd)}) of an option whose value {@code V} is a C {@code int} ({@code int} or
 * {@code boolean}) or a C struct ({@code @Struct} record).
 *
 * @param option        the option's C name in each variant
 * @param value         {@link Carrier#BOOLEAN}, {@link Carrier#INT}, or {@link Carrier#OTHER} for a struct
 * @param struct        the struct, or null for an {@code int} option
 * @param callState     the method's last parameter is the caller's capture segment ({@code @CallState})
 * @param unavailableOn variant names where the method throws {@code UnsupportedOperationException}
 */
record SockOptAccess(
        ExecutableElement method,
        String level,
        VariantNames option,
        boolean setter,
        Carrier value,
        StructValue struct,
        boolean callState,
        Set<String> unavailableOn) implements Operation {

    /** The C function called. */
    String fn() {
        return setter ? "setsockopt" : "getsockopt";
    }

    /** Same per-variant names, same option: a method with {@code nameOn} and one without are not duplicates. */
    @Override
    public String does() {
        return (setter ? "sets " : "reads ") + level + "/" + option.describe()
                + (callState ? " into the caller's call state" : "");
    }
}
