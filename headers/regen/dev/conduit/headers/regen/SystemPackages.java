package dev.conduit.headers.regen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Names the Debian packages (and versions) that supplied a Linux variant's system headers. */
final class SystemPackages {

    static String describe(List<String> packages) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package} ${Version};"));
        command.addAll(packages);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "unknown (" + String.join(" ", packages) + ")";
        } catch (IOException e) {
            return "unknown (" + String.join(" ", packages) + ": no dpkg-query)";
        }
    }

    private SystemPackages() {
    }
}
