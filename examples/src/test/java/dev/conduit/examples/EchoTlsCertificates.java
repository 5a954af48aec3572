package dev.conduit.examples;

import dev.conduit.net.tls.PemKeyMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The echo server's TLS files for the black-box tests, made with {@code openssl} at test time in a
 * temporary directory (never committed): a CA, and a certificate it signs for localhost, 127.0.0.1
 * and ::1 with its PKCS#8 key. Each openssl run is bounded in time.
 */
final class EchoTlsCertificates {

    final Path ca;
    final Path certificate;
    final Path key;

    private EchoTlsCertificates(Path ca, Path certificate, Path key) {
        this.ca = ca;
        this.certificate = certificate;
        this.key = key;
    }

    static EchoTlsCertificates create(Path dir) throws IOException, InterruptedException {
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.pem");
        Path key = dir.resolve("server.key");
        Path request = dir.resolve("server.csr");
        Path certificate = dir.resolve("server.pem");
        Path extensions = dir.resolve("server.ext");
        java.nio.file.Files.writeString(extensions, "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n");
        run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey.toString(),
                "-out", ca.toString(), "-subj", "/CN=echo-test-ca", "-days", "7");
        run(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", request.toString(), "-subj", "/CN=localhost");
        run(dir, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-set_serial", "7", "-days", "7", "-extfile", extensions.toString(), "-out", certificate.toString());
        return new EchoTlsCertificates(ca, certificate, key);
    }

    /** {@code --tls --cert C --key K}. */
    List<String> serverArgs() {
        return List.of("--tls", "--cert", certificate.toString(), "--key", key.toString());
    }

    /** A client context trusting only the test CA. */
    SSLContext clientContext() throws Exception {
        return PemKeyMaterial.trusting(ca);
    }

    /** {@code openssl ARGS} in {@code dir}, within 30 s. */
    static void run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": " + output);
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
