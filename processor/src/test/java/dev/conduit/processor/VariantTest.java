package dev.conduit.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VariantTest {

    private static Variant variant(String name) {
        return Variant.parse(name).orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void namesMapToPackagesAndClassSuffixes() {
        Variant v = variant("linux-x86_64");
        assertEquals("dev.conduit.headers.linux.x86_64", v.bindingsPackage());
        assertEquals("dev.conduit.headers.linux.x86_64.Libc", v.headerClass().canonicalName());
        assertEquals("_linux_x86_64", v.classSuffix());
        assertEquals("headers/inputs/linux/symbols.txt", v.symbolsFile());
        assertEquals("headers/inputs/common/symbols.txt (every variant) or headers/inputs/linux/symbols.txt (linux only)",
                v.symbolsFiles());
    }

    @Test
    void moreThanTwoPartsMapTheSameWay() {
        Variant v = variant("linux-musl-x86_64");
        assertEquals("dev.conduit.headers.linux.musl.x86_64", v.bindingsPackage());
        assertEquals("_linux_musl_x86_64", v.classSuffix());
    }

    @Test
    void rejectsWhatIsNoVariantName() {
        for (String bad : new String[] {"", "linux", "Linux-x86_64", "linux_x86_64", "linux-", "-x86_64", "linux-x86-",
                "linux-x86.64", "linux-64bit"}) {
            assertTrue(Variant.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void globs() {
        assertTrue(VariantGlob.of("macos-*").matches(variant("macos-aarch64")));
        assertTrue(VariantGlob.of("*-aarch64").matches(variant("linux-aarch64")));
        assertTrue(VariantGlob.of("linux-x86_64").matches(variant("linux-x86_64")));
        assertTrue(VariantGlob.of("*").matches(variant("linux-x86_64")));
        assertFalse(VariantGlob.of("macos-*").matches(variant("linux-x86_64")));
        assertFalse(VariantGlob.of("linux-x86_64").matches(variant("linux-x86_64x")));
        assertFalse(VariantGlob.of("linux.x86_64").matches(variant("linux-x86_64")), "dots are literal");
    }
}
