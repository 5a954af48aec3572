package dev.conduit.headers.regen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regeneration tool takes each variant's package from the naming convention, not from a copy. */
class VariantTest {

    private static Path variant(Path headers, String name, String properties) throws IOException {
        Path dir = Files.createDirectories(headers.resolve("variants").resolve(name));
        Files.writeString(dir.resolve("variant.properties"), properties);
        return dir;
    }

    @Test
    void thePackageFollowsFromTheName(@TempDir Path headers) throws IOException {
        variant(headers, "linux-musl-x86_64", "inputs=linux\n");
        Variant only = Variant.all(headers).getFirst();
        assertEquals("dev.conduit.headers.linux.musl.x86_64", only.packageName());
        assertEquals(headers.resolve("src/main/java/dev/conduit/headers/linux/musl/x86_64"), only.packageDir());
    }

    @Test
    void aPackageLineThatDisagreesIsRefused(@TempDir Path headers) throws IOException {
        variant(headers, "linux-x86_64", "package=dev.conduit.headers.linux.amd64\ninputs=linux\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variant.all(headers));
        assertTrue(e.getMessage().contains("package=dev.conduit.headers.linux.amd64")
                && e.getMessage().contains("dev.conduit.headers.linux.x86_64"), e.getMessage());
    }

    @Test
    void aDirectoryThatIsNoVariantNameIsRefused(@TempDir Path headers) throws IOException {
        variant(headers, "Linux_x86", "inputs=linux\n");
        assertThrows(IllegalArgumentException.class, () -> Variant.all(headers));
    }
}
