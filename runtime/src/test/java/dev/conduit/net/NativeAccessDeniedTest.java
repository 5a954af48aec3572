package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that denies native access ({@code --illegal-native-access=deny}) gets a
 * {@link NativeAccessDeniedException} naming the flags to add, on the first call and on every
 * later one, and never an {@code ExceptionInInitializerError} from the bindings. Each case is a
 * child JVM running a two-call program (on the class path) with Conduit on the class path or the
 * module path.
 */
@Timeout(120)
class NativeAccessDeniedTest {

    private static final String DENIED = NativeAccessDeniedException.class.getName() + ": ";
    private static final String CLASS_PATH_FLAG = "--enable-native-access=ALL-UNNAMED";
    private static final String MODULE_PATH_FLAG = "--enable-native-access=dev.conduit,dev.conduit.headers";

    /** Binds a listener twice; prints "bound" or the exception, one line per attempt. */
    private static final String PROGRAM = """
            public class Main {
                public static void main(String[] args) {
                    for (int i = 0; i < 2; i++) {
                        try (dev.conduit.net.TcpListener listener = dev.conduit.net.TcpListener.bind("127.0.0.1", 0)) {
                            System.out.println("bound");
                        } catch (Throwable t) {
                            System.out.println(t.getClass().getName() + ": " + t.getMessage());
                        }
                    }
                }
            }
            """;

    @TempDir
    static Path dir;

    /** Compiled once, here: the children then start in a fraction of a second. */
    @BeforeAll
    static void compileProgram() throws IOException, URISyntaxException {
        Path source = Files.writeString(dir.resolve("Main.java"), PROGRAM);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int status = ToolProvider.findFirst("javac").orElseThrow()
                .run(out, out, "-d", dir.resolve("classes").toString(), "-cp", conduitPath(), source.toString());
        assertEquals(0, status, log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void classPathDeniedNamesBothFlags() throws Exception {
        List<String> lines = run(List.of("--illegal-native-access=deny", "-cp", withProgram(conduitPath())));
        assertDenied(lines, "the unnamed module (the class path)");
    }

    @Test
    void modulePathDeniedNamesBothFlags() throws Exception {
        List<String> lines = run(List.of("--illegal-native-access=deny", "--module-path", conduitPath(), "--add-modules", "dev.conduit"));
        assertDenied(lines, "module dev.conduit");
    }

    @Test
    void modulePathWithoutTheHeadersModuleNamesIt() throws Exception {
        List<String> lines = run(List.of("--illegal-native-access=deny", "--enable-native-access=dev.conduit",
                "--module-path", conduitPath(), "--add-modules", "dev.conduit"));
        assertDenied(lines, "module dev.conduit.headers");
    }

    @Test
    void theNamedFlagsAreEnough() throws Exception {
        assertEquals(List.of("bound", "bound"), run(List.of("--illegal-native-access=deny", CLASS_PATH_FLAG, "-cp", withProgram(conduitPath()))));
        assertEquals(List.of("bound", "bound"), run(List.of("--illegal-native-access=deny", MODULE_PATH_FLAG,
                "--module-path", conduitPath(), "--add-modules", "dev.conduit")));
    }

    @Test
    void onlyWarnedAboutItStillWorks() throws Exception {
        // JDK 25's default; a warning only, which the JDK prints
        assertEquals(List.of("bound", "bound"), run(List.of("--illegal-native-access=warn", "-cp", withProgram(conduitPath()))));
    }

    private static void assertDenied(List<String> lines, String deniedTo) {
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertEquals(lines.get(0), lines.get(1), "the second call fails as the first did");
        String line = lines.get(0);
        assertTrue(line.startsWith(DENIED), line);
        assertTrue(line.contains("denies it to " + deniedTo + "."), line);
        assertTrue(line.contains(CLASS_PATH_FLAG + " "), line);
        assertTrue(line.contains(MODULE_PATH_FLAG + " "), line);
    }

    /** The class path: the program's classes and the given entries. */
    private static String withProgram(String path) {
        return dir.resolve("classes") + File.pathSeparator + path;
    }

    /** The runtime's classes and the headers jar (or classes). */
    private static String conduitPath() throws URISyntaxException {
        return location(TcpListener.class) + File.pathSeparator + location(dev.conduit.headers.linux.x86_64.Libc.class);
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** The program's output lines, without the JDK's warnings; a module path run adds the program's class path. */
    private static List<String> run(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        if (!options.contains("-cp")) {
            command.addAll(List.of("-cp", dir.resolve("classes").toString()));
        }
        command.add("Main");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not finish");
            assertEquals(0, child.exitValue(), output);
            return output.lines().filter(line -> !line.startsWith("WARNING: ") && !line.isBlank()).toList();
        } finally {
            child.destroyForcibly();
        }
    }
}
