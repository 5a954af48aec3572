package dev.conduit.processor;

import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationValue;

/**
 * A C name that may differ per variant: {@code name = "TCP_KEEPIDLE", nameOn = "macos-*=TCP_KEEPALIVE"}.
 *
 * @param name      the name where no {@code nameOn} entry applies
 * @param byVariant per declared variant name, its C name
 * @param chosenBy  per variant name that an entry applies to, that entry (for diagnostics)
 */
record VariantNames(String name, Map<String, String> byVariant, Map<String, AnnotationValue> chosenBy) {

    /** The C name in {@code variant}. */
    String in(Variant variant) {
        return byVariant.getOrDefault(variant.name(), name);
    }

    /** Where a problem with the name in {@code variant} is reported: its {@code nameOn} entry, else {@code otherwise}. */
    AnnotationValue at(Variant variant, AnnotationValue otherwise) {
        return chosenBy.getOrDefault(variant.name(), otherwise);
    }

    /**
     * {@code SO_LINGER} where every variant has the same name, else each variant's: {@code SO_LINGER on
     * linux-x86_64, SO_LINGER_SEC on macos-aarch64}. Equal for equal per-variant names however they were
     * written, so it tells duplicates apart.
     */
    String describe() {
        if (new HashSet<>(byVariant.values()).size() <= 1) {
            return byVariant.isEmpty() ? name : byVariant.values().iterator().next();
        }
        return byVariant.entrySet().stream().map(e -> e.getValue() + " on " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
