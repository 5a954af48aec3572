package dev.conduit.net;

import java.io.Serial;
import java.util.List;

/** Conduit has no native implementation for the platform this JVM runs on. */
public class UnsupportedPlatformException extends UnsupportedOperationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String osName;
    private final String osArch;
    private final String[] supportedVariants; // an array: serializable, unlike the List type

    /**
     * @param osName the {@code os.name} that was detected
     * @param osArch the {@code os.arch} that was detected
     * @param variant what they map to, e.g. {@code "windows-x86_64"}, or null when the OS or the
     *     architecture is not one Conduit knows
     * @param supportedVariants the variants that have an implementation
     */
    public UnsupportedPlatformException(String osName, String osArch, String variant, List<String> supportedVariants) {
        super("Conduit has no native implementation for os.name=\"" + osName + "\", os.arch=\"" + osArch + "\""
                + (variant == null ? "" : " (variant " + variant + ")")
                + "; supported variants: " + String.join(", ", supportedVariants));
        this.osName = osName;
        this.osArch = osArch;
        this.supportedVariants = supportedVariants.toArray(String[]::new);
    }

    /** The detected {@code os.name}. */
    public String osName() {
        return osName;
    }

    /** The detected {@code os.arch}. */
    public String osArch() {
        return osArch;
    }

    /** The variants Conduit does support, e.g. {@code [linux-x86_64, macos-aarch64, ...]}. */
    public List<String> supportedVariants() {
        return List.of(supportedVariants);
    }
}
