package dev.conduit.net.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What Linux's /proc tells tests about this process's descriptors (see proc(5)). */
public final class LinuxProcFs {

    /** Linux's O_CLOEXEC as /proc/self/fdinfo prints the flags, in octal. */
    public static final int O_CLOEXEC = 02000000;

    private LinuxProcFs() {
    }

    /** The {@code flags:} line of {@code /proc/self/fdinfo/<fd>}. */
    public static int fdinfoFlags(int fd) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd)).stream()
                .filter(line -> line.startsWith("flags:"))
                .map(line -> Integer.parseInt(line.substring("flags:".length()).trim(), 8))
                .findFirst()
                .orElseThrow();
    }

    /** How many descriptors this process has open. */
    public static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
