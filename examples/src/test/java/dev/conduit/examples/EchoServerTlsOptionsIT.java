package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls} on the command line: usage errors exit with 2 and the usage, files that cannot be
 * used with 1 and one line on stderr naming the file, never a stack trace.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerTlsOptionsIT {

    @TempDir
    static Path dir;
    static EchoTlsCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = EchoTlsCertificates.create(dir);
    }

    private static void assertUsageError(String expectedFirstLine, String... args) throws Exception {
        EchoServerProcess.Result result = EchoServerProcess.run(args);
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(expectedFirstLine, result.stderr().getFirst(), result.toString());
        assertTrue(result.stderr().stream().anyMatch(line -> line.contains("--tls")), "the usage names --tls: " + result);
    }

    private static void assertStartupError(String expectedStart, String... args) throws Exception {
        EchoServerProcess.Result result = EchoServerProcess.run(args);
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(List.of(), result.stdout());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().startsWith(expectedStart), result.toString());
    }

    @Test
    void tlsWithoutFilesIsAUsageError() throws Exception {
        assertUsageError("--tls needs --cert CERT.pem and --key KEY.pem", "--port", "0", "--tls");
        assertUsageError("--tls needs --cert CERT.pem and --key KEY.pem", "--port", "0", "--tls", "--cert",
                certificates.certificate.toString());
    }

    @Test
    void filesWithoutTlsAreAUsageError() throws Exception {
        assertUsageError("--cert and --key are for --tls", "--port", "0", "--cert", certificates.certificate.toString(),
                "--key", certificates.key.toString());
    }

    @Test
    void tlsOverUdpIsAUsageError() throws Exception {
        assertUsageError("--tls is for TCP and --unix, not --udp (that would be DTLS)", "--port", "0", "--udp", "--tls",
                "--cert", certificates.certificate.toString(), "--key", certificates.key.toString());
    }

    @Test
    void aMissingFileIsOneLine() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertStartupError("cannot read TLS file " + missing + ": no such file", "--port", "0", "--tls", "--cert",
                missing.toString(), "--key", certificates.key.toString());
    }

    @Test
    void aKeyOfAnotherCertificateIsOneLine() throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        EchoTlsCertificates others = EchoTlsCertificates.create(other);
        assertStartupError("bad TLS files: the private key in " + others.key + " does not belong to the first certificate in "
                + certificates.certificate, "--port", "0", "--tls", "--cert", certificates.certificate.toString(), "--key",
                others.key.toString());
    }

    @Test
    void aTraditionalRsaKeyIsRefusedWithTheConversionCommand() throws Exception {
        Path rsa = dir.resolve("rsa-traditional.key");
        EchoTlsCertificates.run(dir, "genrsa", "-traditional", "-out", rsa.toString(), "2048");
        assertStartupError("bad TLS files: " + rsa + ": a RSA key in OpenSSL's traditional format, not PKCS#8; convert it:"
                + " openssl pkcs8 -topk8", "--port", "0", "--tls", "--cert", certificates.certificate.toString(), "--key",
                rsa.toString());
    }

    @Test
    void aCertificateFileThatIsNotPemIsOneLine() throws Exception {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a certificate\n");
        assertStartupError("bad TLS files: " + garbage + ": not a PEM file", "--port", "0", "--tls", "--cert",
                garbage.toString(), "--key", certificates.key.toString());
    }
}
