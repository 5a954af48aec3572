package dev.conduit.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The naming convention, and that the checked-in bindings follow it. */
class BindingsNamingTest {

    @Test
    void aVariantIsAPackageUnderTheRootWithTheHeaderClassInIt() {
        assertEquals("dev.conduit.headers.linux.x86_64", BindingsNaming.packageOf("linux-x86_64"));
        assertEquals("dev.conduit.headers.macos.aarch64.Libc", BindingsNaming.headerClassOf("macos-aarch64"));
        assertEquals("dev.conduit.headers.linux.musl.x86_64", BindingsNaming.packageOf("linux-musl-x86_64"));
    }

    @Test
    void variantOfIsTheInverse() {
        for (String variant : List.of("linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-aarch64", "linux-musl-x86_64")) {
            assertEquals(variant, BindingsNaming.variantOf(BindingsNaming.packageOf(variant)));
        }
        assertNull(BindingsNaming.variantOf("dev.conduit.headers"));
        assertNull(BindingsNaming.variantOf("dev.conduit.headers.regen"));
        assertNull(BindingsNaming.variantOf("dev.conduit.net.sys"));
    }

    @Test
    void onlyLowerCaseDashSeparatedIdentifiersAreVariantNames() {
        assertTrue(BindingsNaming.isVariantName("linux-x86_64"));
        for (String bad : List.of("linux", "Linux-x86_64", "linux-", "-x86_64", "linux--x86_64", "linux-x86.64", "linux-64bit", "")) {
            assertFalse(BindingsNaming.isVariantName(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> BindingsNaming.packageOf(bad), bad);
        }
    }

    @Test
    void theCheckedInBindingsAreWhereTheConventionSays() throws ClassNotFoundException {
        for (String variant : List.of("linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-aarch64")) {
            Class<?> header = Class.forName(BindingsNaming.headerClassOf(variant), false, getClass().getClassLoader());
            assertEquals(BindingsNaming.MODULE, header.getModule().getName(), variant);
        }
    }
}
