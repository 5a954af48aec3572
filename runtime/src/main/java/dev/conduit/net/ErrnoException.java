package dev.conduit.net;

import java.io.Serial;
import java.net.SocketException;

/**
 * A system call failed with an errno that has no more specific exception type. Carries the call
 * and the errno by name, so code can react portably ({@code "EPIPE".equals(e.errnoName())}); the
 * number is the platform's own and differs between platforms.
 */
public class ErrnoException extends SocketException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String function;
    private final String errnoName;
    private final int errno;

    /**
     * @param message the full text, e.g. {@code "send: EPIPE (127.0.0.1:80)"}
     * @param function the C function that failed, e.g. {@code "send"}
     * @param errnoName the platform's name for {@code errno}, e.g. {@code "EPIPE"}
     * @param errno the platform's value of {@code errno}
     */
    public ErrnoException(String message, String function, String errnoName, int errno) {
        super(message);
        this.function = function;
        this.errnoName = errnoName;
        this.errno = errno;
    }

    /** The C function that failed, e.g. {@code "send"}. */
    public String function() {
        return function;
    }

    /** The symbolic errno, e.g. {@code "EPIPE"}. */
    public String errnoName() {
        return errnoName;
    }

    /** The platform's numeric errno; compare {@link #errnoName()} instead, it is portable. */
    public int errno() {
        return errno;
    }
}
