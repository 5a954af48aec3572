package dev.conduit.examples;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The packaged echo server, started as a user would: {@code java -jar echo-server.jar --port 0}. */
final class EchoServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)");

    final Process process;
    final int port;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private EchoServerProcess(Process process) throws IOException, InterruptedException, TimeoutException {
        this.process = process;
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IOException("server exited before listening: " + output));
        });
        try {
            this.port = listening.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    static EchoServerProcess start(String... args) throws Exception {
        return new EchoServerProcess(new ProcessBuilder(command(args)).redirectErrorStream(true).start());
    }

    /** {@code java -jar echo-server.jar ARGS}, with the JDK running the tests. */
    static List<String> command(String... args) {
        String jar = System.getProperty("echo.server.jar", "target/echo-server.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException(jar + " is missing: run the tests with mvn verify (it packages first)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        return command;
    }

    /** Open file descriptors of the server process, from /proc. */
    long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return fds.count();
        }
    }

    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** Sends a signal the way a terminal or a service manager would. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
