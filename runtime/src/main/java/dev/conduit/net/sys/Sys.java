package dev.conduit.net.sys;

import dev.conduit.net.Platform;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The one place that chooses the {@link Posix} implementation for this platform: every generated
 * variant is a service provider, and the one whose {@link Posix#variant()} is
 * {@link Platform#current()} serves this JVM. A new variant shows up here by itself. The portable
 * API reaches the operating system only through {@link #sockets()}.
 */
public final class Sys {

    private static volatile Posix selected;
    private static volatile SocketSystem sockets;

    private Sys() {
    }

    /**
     * The implementation for this platform, chosen on first use.
     *
     * @throws dev.conduit.net.UnsupportedPlatformException (on every call) when there is none
     * @throws dev.conduit.net.NativeAccessDeniedException (on every call) when the JVM denies native access
     */
    public static Posix posix() {
        Posix posix = selected;
        if (posix == null) {
            // Racing threads pick the same instance from the same list, so no lock is needed;
            // a failure is not remembered, so every caller gets the same clear exception.
            String variant = Platform.current();
            NativeAccess.check(variant); // before the bindings' first restricted call
            posix = forVariant(variant);
            selected = posix;
        }
        return posix;
    }

    /**
     * The operating system as the portable API sees it: the one {@link SocketSystem} of this platform
     * ({@link PosixSockets} over {@link #posix()} on Linux and macOS).
     *
     * @throws dev.conduit.net.UnsupportedPlatformException (on every call) when there is none
     * @throws dev.conduit.net.NativeAccessDeniedException (on every call) when the JVM denies native access
     */
    public static SocketSystem sockets() {
        SocketSystem system = sockets;
        if (system == null) {
            system = new PosixSockets(posix()); // stateless beyond caches: a racing duplicate is harmless
            sockets = system;
        }
        return system;
    }

    /** The variants that have an implementation, in the order the module declares their providers. */
    public static List<String> variants() {
        return Providers.ALL.stream().map(Posix::variant).toList();
    }

    private static Posix forVariant(String variant) {
        return Providers.ALL.stream()
                .filter(posix -> posix.variant().equals(variant))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no Posix provider for " + variant + ", yet Platform detected it"));
    }

    /** Loaded once, on first use. Instantiating every variant is cheap: they link nothing until called. */
    private static final class Providers {
        // With the loader that defined Posix: finds providers in the module's layer on the module
        // path, and META-INF/services entries on the class path (a fat jar), whatever the context loader.
        static final List<Posix> ALL = ServiceLoader.load(Posix.class, Posix.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
