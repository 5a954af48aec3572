package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import dev.conduit.headers.BindingsNaming;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A platform variant such as {@code linux-x86_64}: where its jextract bindings live
 * ({@code dev.conduit.headers.linux.x86_64.Libc}, by {@link BindingsNaming}) and what its generated
 * implementation is called ({@code <Interface>_linux_x86_64}). More than two parts
 * ({@code linux-musl-x86_64}) map the same way.
 */
record Variant(String name, List<String> parts) {

    /** jextract's {@code --header-class-name}: the class with the functions and constants. */
    static final String HEADER_CLASS = BindingsNaming.HEADER_CLASS;

    /** Parses {@code os-arch}; empty if the name is not lower-case, dash-separated Java identifiers. */
    static Optional<Variant> parse(String name) {
        if (!BindingsNaming.isVariantName(name)) {
            return Optional.empty();
        }
        return Optional.of(new Variant(name, List.copyOf(Arrays.asList(name.split("-", -1)))));
    }

    String os() {
        return parts.getFirst();
    }

    /**
     * Whether the variant's kernel has Linux's abstract Unix socket names (a {@code sun_path} starting with
     * a NUL byte, unix(7)). No header says so, hence the OS: the BSDs have none (xnu's {@code unp_bind}
     * treats {@code sun_path} as a file name, and an unnamed socket reports a {@code sockaddr} of zeros).
     */
    boolean abstractUnixNames() {
        return os().equals("linux");
    }

    String bindingsPackage() {
        return BindingsNaming.packageOf(name);
    }

    ClassName headerClass() {
        return ClassName.get(bindingsPackage(), HEADER_CLASS);
    }

    /** The jextract class of {@code struct tag}. */
    ClassName struct(String tag) {
        return ClassName.get(bindingsPackage(), tag);
    }

    /** The suffix of the generated implementation's name: {@code _linux_x86_64}. */
    String classSuffix() {
        return "_" + String.join("_", parts);
    }

    /** The symbol list ({@code KIND NAME} per line, e.g. {@code function accept4}) of every variant. */
    static final String COMMON_SYMBOLS = "headers/inputs/common/symbols.txt";

    /** The symbol list of the variant's OS only, added to {@link #COMMON_SYMBOLS}. */
    String symbolsFile() {
        return "headers/inputs/" + os() + "/symbols.txt";
    }

    /** For fix-it hints: where a symbol this variant lacks can be listed. */
    String symbolsFiles() {
        return COMMON_SYMBOLS + " (every variant) or " + symbolsFile() + " (" + os() + " only)";
    }

    @Override
    public String toString() {
        return name;
    }
}
