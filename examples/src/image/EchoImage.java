import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds {@code target/echo-image}: a jlink runtime image of the echo server (only the modules its
 * module descriptors require) with a JDK 25 AOT cache (JEP 483/514/515) made by a training run, and
 * {@code bin/echo-server}, which takes the same arguments as {@code java -jar echo-server.jar}. Run
 * by the {@code image} profile of {@code examples/pom.xml} with the build's JDK, using its own jlink:
 *
 * <pre>java src/image/EchoImage.java --jar target/echo-server.jar --lib target/lib --output target/echo-image</pre>
 *
 * (jlink refuses an output directory that exists: the profile removes the last image first.)
 *
 * The training run starts the image's server on a free loopback port (default mode), echoes over a
 * few hundred connections, then stops it with SIGTERM; on exit the JVM writes the cache
 * ({@code -XX:AOTCacheOutput}). A last start with {@code -XX:AOTMode=on}, which refuses to run without
 * a usable cache, checks it.
 */
public final class EchoImage {

    static final String MAIN_MODULE = "dev.conduit.examples";
    static final String MAIN_CLASS = "dev.conduit.examples.EchoServer";
    /** What the class path gets from the jar's manifest (Enable-Native-Access): here, per module. */
    static final String NATIVE_ACCESS = "--enable-native-access=dev.conduit,dev.conduit.headers";
    static final String CACHE = "lib/echo-server.aot";
    static final int TRAINING_CONNECTIONS = 200;
    static final long TIMEOUT_SECONDS = 180;

    public static void main(String[] args) throws Exception {
        // the server's jar and the modular jars it needs beside it (lib/, as for java -jar)
        String modulePath = option(args, "--jar") + File.pathSeparator + option(args, "--lib");
        Path image = Path.of(option(args, "--output")).toAbsolutePath();
        jlink(modulePath, image);
        writeLauncher(image);
        train(image);
        check(image);
        System.out.printf("[echo-image] %s: %.1f MiB on disk (%s), AOT cache %.1f MiB%n", image,
                sizeOf(image) / 1048576.0, String.join(", ", modules(image)),
                Files.size(image.resolve(CACHE)) / 1048576.0);
    }

    private static void jlink(String modulePath, Path image) {
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IllegalStateException("this JDK has no jlink (a JRE?): build with a full JDK 25"));
        String[] arguments = {
            "--module-path", modulePath,
            "--add-modules", MAIN_MODULE, // and what it requires, transitively: not the static (compile-time) ones
            "--strip-debug", "--no-header-files", "--no-man-pages",
            // lib/modules 26 MiB to 12 MiB, for start-up with the AOT cache about the same (README)
            "--compress=zip-6",
            "--output", image.toString()};
        int status = jlink.run(System.out, System.err, arguments);
        if (status != 0) {
            throw new IllegalStateException("jlink failed (" + status + "): jlink " + String.join(" ", arguments));
        }
    }

    /** {@code exec}: the launcher's process is the JVM, so {@code $!} and signals reach the server itself. */
    private static void writeLauncher(Path image) throws IOException {
        Path launcher = image.resolve("bin/echo-server");
        Files.writeString(launcher, String.join("\n",
                "#!/bin/sh",
                "# The Conduit echo server: same arguments as java -jar echo-server.jar (--help for them).",
                "home=$(cd \"$(dirname \"$0\")/..\" && pwd)",
                "exec \"$home/bin/java\" -XX:AOTCache=\"$home/" + CACHE + "\" " + NATIVE_ACCESS
                        + " -m " + MAIN_MODULE + "/" + MAIN_CLASS + " \"$@\"",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> server(Path image, String aotOption) {
        return List.of(image.resolve("bin/java").toString(), aotOption, NATIVE_ACCESS,
                "-m", MAIN_MODULE + "/" + MAIN_CLASS, "--port", "0");
    }

    private static void train(Path image) throws Exception {
        Path cache = image.resolve(CACHE);
        Process server = start(server(image, "-XX:AOTCacheOutput=" + cache));
        try {
            InetSocketAddress address = firstListening(server);
            byte[] message = new byte[4096];
            Arrays.fill(message, (byte) 'x');
            for (int i = 0; i < TRAINING_CONNECTIONS; i++) {
                echo(address, message);
            }
            server.destroy(); // SIGTERM: the server's clean stop, then the JVM writes the cache
            if (!server.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the training run did not exit within " + TIMEOUT_SECONDS + " s");
            }
        } finally {
            server.destroyForcibly();
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("the training run wrote no AOT cache at " + cache);
        }
    }

    /** Starts the image's server requiring the cache ({@code -XX:AOTMode=on}); it must serve an echo. */
    private static void check(Path image) throws Exception {
        List<String> command = new ArrayList<>(server(image, "-XX:AOTCache=" + image.resolve(CACHE)));
        command.add(1, "-XX:AOTMode=on");
        Process server = start(command);
        try {
            echo(firstListening(server), "checked".getBytes(StandardCharsets.UTF_8));
            server.destroy();
            server.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            server.destroyForcibly();
        }
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The address of the server's first {@code listening on HOST:PORT} line (127.0.0.1 by default). */
    private static InetSocketAddress firstListening(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("listening on ")) {
                String address = line.substring("listening on ".length());
                int colon = address.lastIndexOf(':');
                String host = address.substring(0, colon).replace("[", "").replace("]", "");
                return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
            }
        }
        throw new IllegalStateException("the image's server ended without a listening line (exit "
                + (server.isAlive() ? "none yet" : server.exitValue()) + ")");
    }

    private static void echo(InetSocketAddress address, byte[] message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(message);
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] back = in.readAllBytes();
            if (!Arrays.equals(message, back)) {
                throw new IllegalStateException("the echo from " + address + " differs: " + back.length + " bytes back");
            }
        }
    }

    private static List<String> modules(Path image) throws IOException {
        return Files.readAllLines(image.resolve("release"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("MODULES="))
                .map(line -> line.substring("MODULES=".length()).replace("\"", "").replace(" ", ", "))
                .findFirst().stream().toList();
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("usage: java EchoImage.java --jar JAR --lib DIR --output DIR (missing " + name + ")");
    }

    private EchoImage() {
    }
}
