package dev.conduit.net.tls;

import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A client key manager that presents its one certificate whatever CAs the server names, as a
 * misconfigured or hostile client would (the JDK's own would send nothing to a server that names
 * other CAs).
 */
final class InsistentKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "insistent";
    private final X509Certificate[] chain;
    private final PrivateKey key;

    private InsistentKeyManager(List<X509Certificate> chain, PrivateKey key) {
        this.chain = chain.toArray(X509Certificate[]::new);
        this.key = key;
    }

    /** A client context presenting {@code issued} always and trusting {@code trusted}. */
    static SSLContext context(TestPki.Issued issued, Path trusted) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", PemKeyMaterial.certificates(trusted).getFirst());
        factory.init(store);
        context.init(new javax.net.ssl.KeyManager[] {new InsistentKeyManager(PemKeyMaterial.certificates(issued.certificate()),
                PemKeyMaterial.privateKey(issued.key()))}, factory.getTrustManagers(), null);
        return context;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return ALIAS;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return ALIAS;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
