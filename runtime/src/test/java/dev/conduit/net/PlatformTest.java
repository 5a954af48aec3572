package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    private static final List<String> FOUR = List.of("linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-aarch64");

    @Test
    void supportsTheFourVariants() {
        assertEquals(FOUR, Platform.supported());
    }

    @ParameterizedTest
    @CsvSource({
        "Linux,    amd64,   linux-x86_64",
        "Linux,    x86_64,  linux-x86_64",
        "Linux,    aarch64, linux-aarch64",
        "Mac OS X, x86_64,  macos-x86_64",
        "Mac OS X, aarch64, macos-aarch64",
        "Mac OS X, arm64,   macos-aarch64",
    })
    void detectsSupportedPlatforms(String osName, String osArch, String variant) {
        assertEquals(variant, Platform.detect(osName, osArch));
    }

    @ParameterizedTest
    @CsvSource({
        "Windows 11, amd64,   windows-x86_64",
        "FreeBSD,    amd64,   freebsd-x86_64",
        "Linux,      riscv64, ",
        "SunOS,      sparcv9, ",
    })
    void unsupportedPlatformsGetAClearException(String osName, String osArch, String variant) {
        UnsupportedPlatformException e = assertThrows(UnsupportedPlatformException.class, () -> Platform.detect(osName, osArch));
        assertTrue(e.getMessage().contains("os.name=\"" + osName + "\", os.arch=\"" + osArch + "\""), e.getMessage());
        if (variant != null) {
            assertTrue(e.getMessage().contains("(variant " + variant + ")"), e.getMessage());
        }
        assertTrue(e.getMessage().endsWith("supported variants: " + String.join(", ", FOUR)), e.getMessage());
        assertEquals(osName, e.osName());
        assertEquals(osArch, e.osArch());
        assertEquals(FOUR, e.supportedVariants());
    }

    @Test
    void currentIsWhatTheSystemPropertiesSay() {
        assertEquals(Platform.detect(System.getProperty("os.name"), System.getProperty("os.arch")), Platform.current());
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64", disabledReason = "host-only: an x86_64 Linux host")
    void currentIsLinuxX8664OnThisKindOfMachine() {
        assertEquals("linux-x86_64", Platform.current());
    }

    /** The native-runner workflow names the variant each runner must be detected as. */
    @Test
    @EnabledIfSystemProperty(named = "conduit.expectedVariant", matches = ".+",
            disabledReason = "set by .github/workflows/test.yml on each variant's runner")
    void currentIsTheVariantTheRunnerIsFor() {
        assertEquals(System.getProperty("conduit.expectedVariant"), Platform.current());
    }
}
