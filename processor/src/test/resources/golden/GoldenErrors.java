package golden;

import java.io.IOException;

public final class GoldenErrors {
    public static IOException forErrno(String function, String errnoName, int errno) {
        return new IOException(function + ": " + errnoName + " (" + errno + ")");
    }
}
