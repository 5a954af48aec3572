package dev.conduit.net.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Certificates made at test time with {@code openssl} into a temporary directory, never committed:
 * a CA, and leaf certificates it signs (P-256 keys, PKCS#8 PEM). Each openssl run is bounded in
 * time and stopped by its process.
 */
final class TestPki {

    /** A certificate and its key, as PEM files. */
    record Issued(Path certificate, Path key) {
    }

    final Path dir;
    final Path caCertificate;
    private final Path caKey;
    private int serial;
    /** With {@link #withServerAndClient}: "server" (localhost, 127.0.0.1, ::1), "client", and the server's context. */
    Issued serverFiles;
    Issued clientFiles;
    SSLContext serverContext;

    private TestPki(Path dir, Path caCertificate, Path caKey) {
        this.dir = dir;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
    }

    /** A new CA, {@code CN=name}, in {@code dir}. */
    static TestPki create(Path dir, String name) throws IOException, InterruptedException {
        Path certificate = dir.resolve(name + "-ca.pem");
        Path key = dir.resolve(name + "-ca.key");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                key.toString(), "-out", certificate.toString(), "-subj", "/CN=" + name, "-days", "30");
        return new TestPki(dir, certificate, key);
    }

    /** A CA with a server certificate, a client certificate and the server's context (trusting the CA). */
    static TestPki withServerAndClient(Path dir, String name) throws Exception {
        TestPki pki = create(dir, name);
        pki.serverFiles = pki.server("server");
        pki.clientFiles = pki.issue("client", null, 30);
        pki.serverContext = pki.context(pki.serverFiles);
        return pki;
    }

    /** A server certificate for localhost, 127.0.0.1 and ::1, valid for a month. */
    Issued server(String name) throws IOException, InterruptedException {
        return issue(name, "DNS:localhost,IP:127.0.0.1,IP:::1", 30);
    }

    /**
     * A certificate {@code CN=name} with these subject alternative names (null: none), valid for
     * {@code days} from now; a negative count makes one that has already expired.
     */
    Issued issue(String name, String altNames, int days) throws IOException, InterruptedException {
        Path key = dir.resolve(name + ".key");
        Path request = dir.resolve(name + ".csr");
        Path certificate = dir.resolve(name + ".pem");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", request.toString(), "-subj", "/CN=" + name);
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", request.toString(), "-CA", caCertificate.toString(),
                "-CAkey", caKey.toString(), "-set_serial", Integer.toString(1000 + ++serial), "-out", certificate.toString(),
                "-days", Integer.toString(days)));
        Path extensions = dir.resolve(name + ".ext");
        Files.writeString(extensions, (altNames == null ? "" : "subjectAltName=" + altNames + "\n")
                + "basicConstraints=CA:FALSE\n");
        sign.add("-extfile");
        sign.add(extensions.toString());
        openssl(dir, sign.toArray(String[]::new));
        return new Issued(certificate, key);
    }

    /** A server's context: its certificate and key, trusting this CA (for client certificates). */
    SSLContext context(Issued issued) throws IOException, GeneralSecurityException {
        return PemKeyMaterial.context(issued.certificate(), issued.key(), caCertificate);
    }

    /** A client's context trusting only this CA. */
    SSLContext trustingContext() throws IOException, GeneralSecurityException {
        return PemKeyMaterial.trusting(caCertificate);
    }

    /** Runs {@code openssl ARGS} in {@code dir}, bounded to 30 s. */
    static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
