package dev.conduit.net;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM that runs a test-source {@code main} on the class path with what
 * this test JVM has (its module path and class path, and the test classes), native access
 * enabled: for tests that need JVM options of their own.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java <jvmOptions> --enable-native-access=ALL-UNNAMED -cp ... <main> <args>}. */
    static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> classPath = new ArrayList<>();
        String modulePath = System.getProperty("jdk.module.path", "");
        for (String entry : (modulePath + File.pathSeparator + System.getProperty("java.class.path", ""))
                .split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(entry);
            }
        }
        try {
            classPath.add(Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the test classes' location is not a path", e);
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, classPath),
                main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
