package dev.conduit.processor;

import java.util.regex.Pattern;

/**
 * An {@code unavailableOn} entry: a variant name in which {@code *} stands for any run of characters,
 * so {@code "macos-*"} names every macOS variant and {@code "*-aarch64"} every 64-bit ARM one.
 */
record VariantGlob(String glob, Pattern pattern) {

    static VariantGlob of(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return new VariantGlob(glob, Pattern.compile(regex.toString()));
    }

    boolean matches(Variant variant) {
        return pattern.matcher(variant.name()).matches();
    }
}
