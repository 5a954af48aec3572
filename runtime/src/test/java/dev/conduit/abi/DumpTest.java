package dev.conduit.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.headers.BindingsNaming;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Dump tool itself: its command line, and that it finds everything the allow-lists ask for. */
class DumpTest {

    static SortedSet<String> variants() {
        return Repo.variantDirectories();
    }

    @Test
    void variantsAreFoundInTheBindingsNotListedByHand() {
        assertEquals(List.copyOf(Repo.variantDirectories()), Dump.variants());
        assertTrue(Dump.variants().containsAll(List.of("linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-aarch64")));
    }

    @Test
    void noVariantIsAUsageError() {
        Run run = run();
        assertEquals(2, run.status);
        assertEquals("", run.out);
        assertTrue(run.err.contains("usage: java -cp"), run.err);
        assertTrue(run.err.contains("known variants: " + String.join(", ", Dump.variants())), run.err);
    }

    @Test
    void anUnknownVariantIsAUsageErrorListingTheKnownOnes() {
        Run run = run("--variant", "windows-sparc");
        assertEquals(2, run.status);
        assertEquals("", run.out);
        assertTrue(run.err.contains("unknown variant: windows-sparc"), run.err);
        assertTrue(run.err.contains("known variants: linux-aarch64, linux-x86_64, macos-aarch64, macos-x86_64"), run.err);
        assertEquals(2, run("--variant").status);
        assertEquals(2, run("--variant", "linux-x86_64", "--extra").status);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void outputIsDeterministicJsonNamingTheVariant(String variant) {
        Run first = run("--variant", variant);
        assertEquals(0, first.status, first.err);
        assertEquals(first.out, run("--variant=" + variant).out);
        assertEquals(variant, ((Map<?, ?>) Json.parse(first.out)).get("variant"));
        Abi abi = Abi.fromJson(first.out);
        assertEquals(List.copyOf(new TreeSet<>(abi.constants().keySet())), List.copyOf(abi.constants().keySet()), "sorted");
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyAllowListedConstantAndStructIsDumpedAndNothingElse(String variant) {
        Abi abi = Abi.dump(variant);
        assertEquals(Repo.allowListed(variant, "constant"), abi.constants().keySet(),
                "constants of " + variant + " (functions and typedefs are not constants)");
        SortedSet<String> structs = new TreeSet<>(Repo.allowListed(variant, "struct"));
        structs.addAll(Repo.allowListed(variant, "union"));
        assertEquals(structs, abi.structs().keySet(), "structs of " + variant);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void fieldsLieInsideTheirStructWithoutOverlap(String variant) {
        Abi.dump(variant).structs().forEach((name, struct) -> {
            assertTrue(!struct.fields().isEmpty(), name);
            boolean union = struct.fields().size() > 1 && struct.fields().values().stream().allMatch(f -> f.offset() == 0);
            long end = 0;
            String last = struct.fields().lastEntry().getKey();
            for (var field : struct.fields().entrySet()) {
                Abi.Field f = field.getValue();
                String where = variant + " " + name + "." + field.getKey();
                assertTrue(union || f.offset() >= end, where + " overlaps the previous field");
                // size 0: a flexible array member (cmsghdr.__cmsg_data[]), only ever the last one
                assertTrue(f.size() > 0 || (!union && field.getKey().equals(last)), where + " has size 0 and is not a trailing flexible array");
                assertTrue(f.offset() + f.size() <= struct.size(), where + " lies outside the struct");
                end = f.offset() + f.size();
            }
            assertEquals(0, struct.size() % struct.align(), variant + " " + name + " size is a multiple of its alignment");
        });
    }

    @Test
    void aNamedNestedUnionIsOneField() {
        Abi linux = Abi.dump("linux-x86_64");
        assertEquals(Map.of("__in6_u", new Abi.Field(0, 16)), linux.structs().get("in6_addr").fields());
        assertEquals(Map.of("__u6_addr", new Abi.Field(0, 16)), Abi.dump("macos-aarch64").structs().get("in6_addr").fields());
    }

    @Test
    void aFlexibleArrayMemberIsAFieldOfSizeZeroAtTheEnd() {
        for (String linux : new String[] {"linux-x86_64", "linux-aarch64"}) {
            Abi.Struct cmsghdr = Abi.dump(linux).structs().get("cmsghdr");
            assertEquals(new Abi.Field(16, 0), cmsghdr.fields().get("__cmsg_data"), linux + " cmsghdr.__cmsg_data[]");
            assertEquals("__cmsg_data", cmsghdr.fields().lastEntry().getKey(), linux);
            assertEquals(16, cmsghdr.size(), linux);
        }
    }

    @Test
    void paddingIsNoFieldAndAnonymousMembersAreFlattened() {
        var layout = MemoryLayout.structLayout(
                ValueLayout.JAVA_SHORT.withName("family"),
                MemoryLayout.paddingLayout(2),
                MemoryLayout.unionLayout(ValueLayout.JAVA_INT.withName("a"), ValueLayout.JAVA_SHORT.withName("b"))
                        .withName("$anon$12:5"),
                MemoryLayout.structLayout(ValueLayout.JAVA_INT.withName("x"), ValueLayout.JAVA_INT.withName("y"))
                        .withName("named"));
        var fields = Dump.fields(layout);
        assertEquals(List.of("family", "a", "b", "named"), List.copyOf(fields.keySet()));
        assertEquals(List.of(0L, 2L), List.of(fields.get("family")[0], fields.get("family")[1]));
        assertEquals(List.of(4L, 4L), List.of(fields.get("a")[0], fields.get("a")[1]));
        assertEquals(List.of(4L, 2L), List.of(fields.get("b")[0], fields.get("b")[1]));
        assertEquals(List.of(8L, 8L), List.of(fields.get("named")[0], fields.get("named")[1]));
    }

    @Test
    void itsPackageIsNotExportedYetItRunsByItsMainClassOnTheModulePath() throws Exception {
        var exports = Dump.class.getModule().getDescriptor().exports().stream()
                .map(java.lang.module.ModuleDescriptor.Exports::source).toList();
        assertFalse(exports.contains(Dump.class.getPackageName()), "not API: " + exports);
        String modulePath = Stream.of(Dump.class, Class.forName(BindingsNaming.headerClassOf("macos-aarch64")))
                .map(DumpTest::location).collect(Collectors.joining(File.pathSeparator));
        Process java = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=" + BindingsNaming.MODULE, "-p", modulePath,
                "-m", "dev.conduit/" + Dump.class.getName(), "--variant", "macos-aarch64")
                .redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS), "Dump did not finish");
        assertEquals(0, java.exitValue(), output);
        assertEquals(Dump.json("macos-aarch64"), output.strip());
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Dump.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
