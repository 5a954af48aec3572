package dev.conduit.net.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link SSLContext}s from PEM files, as OpenSSL writes them: a certificate chain
 * ({@code -----BEGIN CERTIFICATE-----} blocks, the server's own first), an unencrypted PKCS#8
 * private key ({@code -----BEGIN PRIVATE KEY-----}: RSA, EC, Ed25519 or Ed448), and trusted CA
 * certificates. Other key formats are refused with the {@code openssl} command that converts them.
 * The key must belong to the first certificate. All platforms.
 */
public final class PemKeyMaterial {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"};
    private static final char[] NO_PASSWORD = new char[0];

    private PemKeyMaterial() {
    }

    /**
     * A context holding the chain in {@code certificateChain} and the key in {@code privateKey},
     * trusting {@code trustedCertificates} if given (e.g. client CAs for mutual TLS; null: the
     * JDK's default trust store).
     *
     * @throws IOException when a file cannot be read
     * @throws GeneralSecurityException when a file holds no usable certificate or key, the key is
     *     in another format, or it does not belong to the first certificate
     */
    public static SSLContext context(Path certificateChain, Path privateKey, Path trustedCertificates)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = certificates(certificateChain);
        PrivateKey key = privateKey(privateKey);
        checkKeyMatches(key, chain.getFirst(), certificateChain, privateKey);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, NO_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(),
                trustedCertificates == null ? null : trustManagers(trustedCertificates).getTrustManagers(), null);
        return context;
    }

    /** {@link #context(Path, Path, Path)} with the JDK's default trust store: a server's usual context. */
    public static SSLContext context(Path certificateChain, Path privateKey) throws IOException, GeneralSecurityException {
        return context(certificateChain, privateKey, null);
    }

    /** A context with no key of its own, trusting only the certificates in {@code trustedCertificates}: a client's. */
    public static SSLContext trusting(Path trustedCertificates) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(trustedCertificates).getTrustManagers(), null);
        return context;
    }

    /** The certificates of a PEM file, in order. */
    public static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(pem)) {
            if (block.label.equals("CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der)));
            }
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException(pem + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        return certificates;
    }

    /** The unencrypted PKCS#8 private key of a PEM file. */
    public static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        for (Block block : blocks(pem)) {
            switch (block.label) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der, pem);
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new GeneralSecurityException(pem + ": a "
                        + block.label.replace(" PRIVATE KEY", "") + " key in OpenSSL's traditional format, not PKCS#8;"
                        + " convert it: openssl pkcs8 -topk8 -nocrypt -in " + pem + " -out key.pem");
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(pem + ": an encrypted key;"
                        + " decrypt it: openssl pkcs8 -topk8 -nocrypt -in " + pem + " -out key.pem");
                default -> {
                    // a certificate or parameters next to the key: look on
                }
            }
        }
        throw new GeneralSecurityException(pem + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
    }

    private static PrivateKey pkcs8(byte[] der, Path pem) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        throw new GeneralSecurityException(pem + ": a PKCS#8 key of an unsupported algorithm (supported: RSA, EC,"
                + " Ed25519, Ed448, RSASSA-PSS)");
    }

    private static TrustManagerFactory trustManagers(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        int i = 0;
        for (X509Certificate certificate : certificates(pem)) {
            trusted.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory;
    }

    /** Signs with the key and verifies with the certificate: a key of another certificate fails here, not in a handshake. */
    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate, Path chainFile, Path keyFile)
            throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "ED25519", "ED448", "EDDSA" -> key.getAlgorithm();
            default -> null; // RSASSA-PSS needs parameters: the handshake checks it
        };
        boolean matches;
        if (algorithm == null) {
            return;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false; // e.g. an EC key for an RSA certificate
        }
        if (!matches) {
            throw new GeneralSecurityException("the private key in " + keyFile + " does not belong to the first"
                    + " certificate in " + chainFile + " (" + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    private record Block(String label, byte[] der) {
    }

    private static List<Block> blocks(Path pem) throws IOException, GeneralSecurityException {
        String text = new String(Files.readAllBytes(pem), StandardCharsets.ISO_8859_1); // any bytes: a DER file is "not PEM", not a decoding error
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException(pem + ": a " + matcher.group(1) + " block that is not Base64", e);
            }
        }
        if (blocks.isEmpty()) {
            throw new GeneralSecurityException(pem + ": not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }
}
