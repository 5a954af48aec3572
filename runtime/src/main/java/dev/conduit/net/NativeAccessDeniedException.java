package dev.conduit.net;

import java.io.Serial;

/**
 * The JVM denies Conduit native access: its calls into the C library are restricted methods of
 * {@code java.lang.foreign}, and this JVM runs with {@code --illegal-native-access=deny} (or a later
 * JDK's default) without enabling native access for Conduit's modules. Thrown by every call that
 * needs the operating system, from the first one on; the message names the flag to add, which is
 * {@code --enable-native-access=ALL-UNNAMED} when Conduit is on the class path and
 * {@code --enable-native-access=dev.conduit,dev.conduit.headers} when it is on the module path.
 * The {@linkplain #getCause() cause} is the JDK's own {@link IllegalCallerException}.
 */
public class NativeAccessDeniedException extends IllegalCallerException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param deniedTo whom the JVM denies native access, e.g. {@code "module dev.conduit.headers"} or
     *     {@code "the unnamed module (the class path)"}
     * @param cause what the JDK threw at the first restricted call
     */
    public NativeAccessDeniedException(String deniedTo, Throwable cause) {
        super("Conduit needs native access (java.lang.foreign), and this JVM denies it to " + deniedTo
                + ". Add --enable-native-access=ALL-UNNAMED to the java command when Conduit is on the class path"
                + " (or Enable-Native-Access: ALL-UNNAMED to an executable jar's manifest),"
                + " --enable-native-access=dev.conduit,dev.conduit.headers when it is on the module path.", cause);
    }
}
