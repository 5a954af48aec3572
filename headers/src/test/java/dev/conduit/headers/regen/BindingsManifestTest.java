package dev.conduit.headers.regen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.headers.BindingsNaming;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Checked-in bindings must be exactly what their recorded inputs produced; no jextract needed. */
class BindingsManifestTest {

    private static final Path HEADERS = Path.of("").toAbsolutePath();

    @TestFactory
    List<DynamicTest> everyVariantMatchesItsManifest() throws IOException {
        return Variant.all(HEADERS).stream().map(variant -> DynamicTest.dynamicTest(variant.name(), () -> {
            Path manifestFile = variant.packageDir().resolve(BindingsManifest.FILE_NAME);
            assertTrue(Files.exists(manifestFile), variant.name() + " has no " + manifestFile
                    + ": generate its bindings with mvn generate-sources (jextract installed)");
            BindingsManifest manifest = BindingsManifest.read(manifestFile);
            List<String> problems = manifest.differencesFrom(
                    BindingsManifest.hashInputs(variant), BindingsManifest.hashOutputs(variant.packageDir()));
            assertEquals(List.of(), problems, variant.name() + " bindings are stale or edited");
            assertEquals(variant.name(), manifest.properties().get("variant"));
            assertEquals(variant.packageName(), manifest.properties().get("package"));
            assertFalse(manifest.properties().getOrDefault("jextract", "").isBlank(), "jextract version recorded");
            assertFalse(manifest.outputs().isEmpty(), "generated files recorded");
        })).toList();
    }

    @Test
    void everyVariantPackageIsExported() throws IOException {
        Set<String> exported = ModuleDescriptor.read(Files.newInputStream(Path.of("target/classes/module-info.class")))
                .exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        Set<String> expected = Variant.all(HEADERS).stream().map(Variant::packageName).collect(Collectors.toSet());
        expected.add(BindingsNaming.ROOT_PACKAGE);
        assertEquals(expected, exported, "module-info.java must export exactly the variant packages and the naming convention's");
    }

    @Test
    void aHandEditIsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Libc.java");
        Files.writeString(file, "class Libc {}");
        Map<String, String> outputs = BindingsManifest.hashOutputs(dir);
        BindingsManifest manifest = new BindingsManifest(Map.of(), Map.of(), outputs);
        Files.writeString(file, "class Libc { int edited; }");
        List<String> problems = manifest.differencesFrom(Map.of(), BindingsManifest.hashOutputs(dir));
        assertEquals(1, problems.size());
        assertTrue(problems.getFirst().contains("Libc.java"), problems.getFirst());
    }

    @Test
    void aChangedInputAndAnUnrecordedFileAreReported() {
        BindingsManifest manifest = new BindingsManifest(Map.of(), Map.of("inputs/linux/symbols.txt", "aa"), Map.of());
        List<String> problems = manifest.differencesFrom(
                Map.of("inputs/linux/symbols.txt", "bb"), new TreeMap<>(Map.of("extra.java", "cc")));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("symbols.txt") && problems.get(0).contains("regenerate"), problems.get(0));
        assertTrue(problems.get(1).contains("extra.java"), problems.get(1));
    }

    @Test
    void manifestRoundTrips(@TempDir Path dir) throws IOException {
        BindingsManifest manifest = new BindingsManifest(
                new java.util.LinkedHashMap<>(Map.of("variant", "linux-x86_64")),
                new TreeMap<>(Map.of("inputs/linux/conduit.h", "01")), new TreeMap<>(Map.of("Libc.java", "02")));
        manifest.write(dir.resolve("m"));
        assertEquals(manifest, BindingsManifest.read(dir.resolve("m")));
    }
}
