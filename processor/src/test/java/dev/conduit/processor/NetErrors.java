package dev.conduit.processor;

import java.io.IOException;
import java.io.Serial;

/** The errors class of {@link NetContract}: records what the generated code passed to it. */
public final class NetErrors {

    private NetErrors() {
    }

    /** What {@link #forErrno} was called with. */
    public static final class ErrnoException extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        public final String function;
        public final String errnoName;
        public final int errno;

        ErrnoException(String function, String errnoName, int errno) {
            super(function + ": " + errnoName + " (" + errno + ")");
            this.function = function;
            this.errnoName = errnoName;
            this.errno = errno;
        }
    }

    public static IOException forErrno(String function, String errnoName, int errno) {
        return new ErrnoException(function, errnoName, errno);
    }
}
