package dev.conduit.net.sys;

import dev.conduit.headers.BindingsNaming;
import dev.conduit.net.NativeAccessDeniedException;
import java.lang.foreign.MemorySegment;

/**
 * Whether this JVM lets Conduit's modules call native code, checked by {@link Sys} before Conduit
 * first touches the bindings. With native access enabled for both modules ({@code dev.conduit} and
 * {@code dev.conduit.headers}, or {@code ALL-UNNAMED} on the class path) there is nothing to check.
 * Otherwise the JDK either warns ({@code --illegal-native-access=warn}, JDK 25's default) or denies
 * ({@code deny}), and only a restricted call tells which. Denied, the first call would fail inside a
 * class initializer of the bindings (an {@code ExceptionInInitializerError}, and a
 * {@code NoClassDefFoundError} on every later call), so the restricted call is made here, once, and
 * a denial is a {@link NativeAccessDeniedException} on every call. When access is only warned about,
 * the JDK prints its usual warning, once per module.
 */
final class NativeAccess {

    private static boolean checked; // guarded by NativeAccess.class
    private static String deniedTo; // null: allowed, or only warned about
    private static IllegalCallerException cause;

    private NativeAccess() {
    }

    /**
     * @param variant the platform variant whose bindings will be used, e.g. {@code "linux-x86_64"}
     * @throws NativeAccessDeniedException (on every call) when the JVM denies native access
     */
    static synchronized void check(String variant) {
        if (!checked) {
            probe(variant);
            checked = true;
        }
        if (deniedTo != null) {
            throw new NativeAccessDeniedException(deniedTo, cause);
        }
    }

    @SuppressWarnings("restricted") // the restricted call is the probe: it is what the JVM may deny
    private static void probe(String variant) {
        Module conduit = NativeAccess.class.getModule();
        if (!conduit.isNativeAccessEnabled()) {
            try {
                MemorySegment.NULL.reinterpret(0); // restricted: denied, or a warning naming this class
            } catch (IllegalCallerException e) {
                deny(conduit, e);
                return;
            }
        }
        // On the module path the bindings are a module of their own (on the class path, the same unnamed one).
        Module headers = conduit.getLayer() == null ? conduit
                : conduit.getLayer().findModule(BindingsNaming.MODULE).orElse(conduit);
        if (headers != conduit && !headers.isNativeAccessEnabled()) {
            // Initializing the header class makes its first restricted call, as the first socket call would.
            String headerClass = BindingsNaming.headerClassOf(variant);
            try {
                Class.forName(headerClass, true, headers.getClassLoader());
            } catch (ExceptionInInitializerError e) {
                if (!(e.getCause() instanceof IllegalCallerException denied)) {
                    throw e;
                }
                deny(headers, denied);
            } catch (ClassNotFoundException e) {
                // no bindings for the variant: Sys reports that
            }
        }
    }

    private static void deny(Module module, IllegalCallerException e) {
        deniedTo = module.isNamed() ? "module " + module.getName() : "the unnamed module (the class path)";
        cause = e;
    }
}
