package dev.conduit.examples;

import dev.conduit.net.tls.PemKeyMaterial;
import dev.conduit.net.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --tls --cert CERT.pem --key KEY.pem} of {@link EchoServer}: TLS (1.3 and 1.2, Conduit's
 * defaults) on every stream listener, TCP and {@code --unix}, in every {@code --mode}. The options
 * are taken out of the command line before {@link EchoServerOptions} reads the rest.
 *
 * @param files the certificate chain and the PKCS#8 key, when {@code --tls} was given
 * @param rest the other arguments, for {@link EchoServerOptions#parse}
 */
record EchoTls(Optional<Files> files, String[] rest) {

    /** The PEM files of {@code --cert} and {@code --key}. */
    record Files(Path certificate, Path key) {
    }

    static final String USAGE = """
              --tls        serve TLS on TCP and --unix (not with --udp), with --cert CERT.pem (the
                           certificate chain, the server's first) and --key KEY.pem (its unencrypted
                           PKCS#8 key, -----BEGIN PRIVATE KEY-----).""";

    /**
     * Takes {@code --tls}, {@code --cert} and {@code --key} (also as {@code --cert=C}) out of {@code args}.
     *
     * @throws IllegalArgumentException for a usage error: {@code --tls} without both files, a file
     *     without {@code --tls}, {@code --tls} with {@code --udp}
     */
    static EchoTls split(String... args) {
        boolean tls = false;
        Optional<Path> certificate = Optional.empty();
        Optional<Path> key = Optional.empty();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--tls" -> {
                    if (arg.contains("=")) {
                        throw new IllegalArgumentException("--tls takes no value: " + arg);
                    }
                    tls = true;
                }
                case "--cert", "--key" -> {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (++i < args.length) {
                        value = args[i];
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    if (name.equals("--cert")) {
                        certificate = Optional.of(Path.of(value));
                    } else {
                        key = Optional.of(Path.of(value));
                    }
                }
                default -> rest.add(arg);
            }
        }
        if (!tls) {
            if (certificate.isPresent() || key.isPresent()) {
                throw new IllegalArgumentException("--cert and --key are for --tls");
            }
            return new EchoTls(Optional.empty(), rest.toArray(String[]::new));
        }
        if (certificate.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("--tls needs --cert CERT.pem and --key KEY.pem");
        }
        if (rest.contains("--udp")) {
            throw new IllegalArgumentException("--tls is for TCP and --unix, not --udp (that would be DTLS)");
        }
        return new EchoTls(Optional.of(new Files(certificate.get(), key.get())), rest.toArray(String[]::new));
    }

    /**
     * The server configuration from the PEM files, or empty without {@code --tls}.
     *
     * @throws StartupFailure naming the file and what is wrong with it
     */
    Optional<TlsConfig> config() throws StartupFailure {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Files pem = files.get();
        try {
            return Optional.of(TlsConfig.server(PemKeyMaterial.context(pem.certificate(), pem.key())));
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
