package dev.conduit.processor;

import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @SockOpt}: {@code setsockopt} (a setter, {@code void m(int fd, boolean|int value)}) or
 * {@code getsockopt} (a getter, {@code boolean|int m(int fd)}) of an {@code int} option.
 *
 * @param value         {@link Carrier#BOOLEAN} or {@link Carrier#INT}: the Java side of the option
 * @param unavailableOn variant names where the method throws {@code UnsupportedOperationException}
 */
record SockOptAccess(
        ExecutableElement method,
        String level,
        String option,
        boolean setter,
        Carrier value,
        Set<String> unavailableOn) implements Operation {

    /** The C function called. */
    String fn() {
        return setter ? "setsockopt" : "getsockopt";
    }

    @Override
    public String does() {
        return (setter ? "sets " : "reads ") + level + "/" + option;
    }
}
