package dev.conduit.examples;

import dev.conduit.net.tls.PemKeyMaterial;
import dev.conduit.net.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * {@code --tls --cert CERT.pem --key KEY.pem} of {@link EchoServer}: TLS (1.3 and 1.2, Conduit's
 * defaults) on every stream listener, TCP and {@code --unix}, in every {@code --mode}.
 * {@link EchoServerOptions#parse} reads the options.
 *
 * @param certificate the certificate chain, the server's first
 * @param key its unencrypted PKCS#8 key
 */
record EchoTls(Path certificate, Path key) {

    static final String USAGE = """
              --tls        serve TLS on TCP and --unix (not with --udp), with --cert CERT.pem (the
                           certificate chain, the server's first) and --key KEY.pem (its unencrypted
                           PKCS#8 key, -----BEGIN PRIVATE KEY-----).""";

    /**
     * The server configuration from the PEM files.
     *
     * @throws StartupFailure naming the file and what is wrong with it
     */
    TlsConfig config() throws StartupFailure {
        try {
            return TlsConfig.server(PemKeyMaterial.context(certificate, key));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new StartupFailure("cannot read TLS file " + e.getFile() + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StartupFailure("cannot read TLS file " + e.getFile() + ": permission denied");
        } catch (IOException e) {
            throw new StartupFailure("cannot read TLS files: " + e);
        } catch (GeneralSecurityException e) {
            throw new StartupFailure("bad TLS files: " + e.getMessage());
        }
    }

    /** TLS cannot start: the message is the one line the server prints. */
    static final class StartupFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartupFailure(String message) {
            super(message);
        }
    }
}
