package dev.conduit.net;

import dev.conduit.net.sys.Sys;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which native variant serves this JVM. A variant is {@code <os>-<arch>}, e.g. {@code linux-x86_64}
 * or {@code macos-aarch64}; it is chosen from the {@code os.name} and {@code os.arch} system
 * properties, with no configuration.
 */
public final class Platform {

    private Platform() {
    }

    /**
     * The variant this JVM runs, e.g. {@code "linux-x86_64"}.
     *
     * @throws UnsupportedPlatformException naming the detected platform and every supported variant
     */
    public static String current() {
        return detect(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** Every variant Conduit has an implementation for, e.g. {@code [linux-x86_64, linux-aarch64, ...]}. */
    public static List<String> supported() {
        return Sys.variants();
    }

    /**
     * The supported variant for a given {@code os.name} and {@code os.arch}: {@code ("Linux", "amd64")}
     * is {@code "linux-x86_64"}, {@code ("Mac OS X", "aarch64")} is {@code "macos-aarch64"}.
     *
     * @throws UnsupportedPlatformException when they name no supported variant
     */
    public static String detect(String osName, String osArch) {
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osArch, "osArch");
        String os = os(osName);
        String arch = arch(osArch);
        String variant = os == null || arch == null ? null : os + "-" + arch;
        List<String> supported = supported();
        if (variant == null || !supported.contains(variant)) {
            throw new UnsupportedPlatformException(osName, osArch, variant, supported);
        }
        return variant;
    }

    /** The variant's OS part; null for an OS no variant is planned for. */
    private static String os(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "linux";
        } else if (name.startsWith("mac os x")) {
            return "macos";
        } else if (name.startsWith("windows")) {
            return "windows";
        } else if (name.startsWith("freebsd")) {
            return "freebsd";
        }
        return null;
    }

    /** The variant's architecture part: JDKs say amd64 on Linux and x86_64 on macOS for the same thing. */
    private static String arch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
    }
}
