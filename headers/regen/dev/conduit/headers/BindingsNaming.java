package dev.conduit.headers;

import java.util.regex.Pattern;

/**
 * Where each platform variant's jextract bindings live, defined once: variant {@code <os>-<arch>}
 * ({@code linux-x86_64}) is the package {@code dev.conduit.headers.<os>.<arch>}, whose header class
 * (the functions and constants, jextract's {@code --header-class-name}) is {@code Libc}; every dash of
 * a longer name becomes a dot the same way ({@code linux-musl-x86_64}). The regeneration tool
 * generates into these names, the annotation processor links the code it generates against them and
 * the runtime looks them up.
 *
 * <p>The source sits in {@code headers/regen}, beside the regeneration tool, because that tool runs as
 * a source-file program ({@code java regen/dev/conduit/headers/regen/Regenerate.java}) and compiles
 * only what lies under its own source root; the headers module compiles this file into its jar from
 * there.
 */
public final class BindingsNaming {

    /** The module holding every variant's bindings (and this class). */
    public static final String MODULE = "dev.conduit.headers";

    /** The package under which each variant's bindings package lies. */
    public static final String ROOT_PACKAGE = "dev.conduit.headers";

    /** The simple name of each variant's header class. */
    public static final String HEADER_CLASS = "Libc";

    /** A part of a variant name: a lower-case Java identifier, so that it is a package name part too. */
    private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]*");

    private BindingsNaming() {
    }

    /**
     * Whether {@code name} is a variant name: two or more dash-separated parts, each a lower-case
     * letter followed by lower-case letters, digits or underscores.
     *
     * @param name a candidate such as {@code "linux-x86_64"}
     * @return true if it names a variant (whether or not bindings exist for it)
     */
    public static boolean isVariantName(String name) {
        String[] parts = name.split("-", -1);
        if (parts.length < 2) {
            return false;
        }
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bindings package of a variant.
     *
     * @param variant a variant name, e.g. {@code "linux-x86_64"}
     * @return its package, e.g. {@code "dev.conduit.headers.linux.x86_64"}
     * @throws IllegalArgumentException if {@code variant} is not a variant name
     */
    public static String packageOf(String variant) {
        if (!isVariantName(variant)) {
            throw new IllegalArgumentException("not a variant name (<os>-<arch>, lower case): " + variant);
        }
        return ROOT_PACKAGE + "." + variant.replace('-', '.');
    }

    /**
     * The fully qualified name of a variant's header class.
     *
     * @param variant a variant name, e.g. {@code "linux-x86_64"}
     * @return e.g. {@code "dev.conduit.headers.linux.x86_64.Libc"}
     * @throws IllegalArgumentException if {@code variant} is not a variant name
     */
    public static String headerClassOf(String variant) {
        return packageOf(variant) + "." + HEADER_CLASS;
    }

    /**
     * The variant whose bindings package {@code packageName} is, the inverse of {@link #packageOf}.
     *
     * @param packageName a package name, e.g. {@code "dev.conduit.headers.macos.aarch64"}
     * @return the variant, e.g. {@code "macos-aarch64"}, or null if the package is no variant's
     */
    public static String variantOf(String packageName) {
        String prefix = ROOT_PACKAGE + ".";
        if (!packageName.startsWith(prefix)) {
            return null;
        }
        String variant = packageName.substring(prefix.length()).replace('.', '-');
        return isVariantName(variant) ? variant : null;
    }
}
