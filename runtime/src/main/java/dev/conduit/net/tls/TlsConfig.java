package dev.conduit.net.tls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How TLS connections are made: the {@link SSLContext} (your key material and trust managers) and
 * Conduit's secure defaults, immutable. Start from {@link #client(SSLContext)} or
 * {@link #server(SSLContext)}; each {@code with…} method returns a changed copy.
 *
 * <p>The defaults: TLS 1.3 and 1.2 only; for clients, hostname verification (endpoint
 * identification "HTTPS") and SNI from the host name; for servers, no client certificate asked for;
 * renegotiation refused; a {@value #DEFAULT_HANDSHAKE_SECONDS} s handshake timeout; no ALPN. All
 * platforms.
 */
public final class TlsConfig {

    /** The handshake timeout unless {@link #withHandshakeTimeout} says otherwise, in seconds. */
    public static final int DEFAULT_HANDSHAKE_SECONDS = 10;

    private static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Consumer<SSLParameters> NO_CHANGES = unchanged -> { };

    private final SSLContext context;
    private final boolean client;
    private final List<String> protocols;
    private final List<String> cipherSuites; // empty: the context's defaults
    private final List<String> applicationProtocols;
    private final boolean hostnameVerification;
    private final ClientAuth clientAuth;
    private final Duration handshakeTimeout;
    /** The caller's own changes to the engine's parameters, applied after Conduit's. */
    private final Consumer<SSLParameters> parameterChanges;

    private TlsConfig(SSLContext context, boolean client, List<String> protocols, List<String> cipherSuites,
            List<String> applicationProtocols, boolean hostnameVerification, ClientAuth clientAuth,
            Duration handshakeTimeout, Consumer<SSLParameters> parameterChanges) {
        this.context = context;
        this.client = client;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.applicationProtocols = applicationProtocols;
        this.hostnameVerification = hostnameVerification;
        this.clientAuth = clientAuth;
        this.handshakeTimeout = handshakeTimeout;
        this.parameterChanges = parameterChanges;
    }

    /** A client configuration over {@code context}, with the secure defaults. */
    public static TlsConfig client(SSLContext context) {
        return new TlsConfig(Objects.requireNonNull(context, "context"), true, DEFAULT_PROTOCOLS, List.of(), List.of(),
                true, ClientAuth.NONE, Duration.ofSeconds(DEFAULT_HANDSHAKE_SECONDS), NO_CHANGES);
    }

    /** A server configuration over {@code context} (which must hold a key), with the secure defaults. */
    public static TlsConfig server(SSLContext context) {
        return new TlsConfig(Objects.requireNonNull(context, "context"), false, DEFAULT_PROTOCOLS, List.of(), List.of(),
                false, ClientAuth.NONE, Duration.ofSeconds(DEFAULT_HANDSHAKE_SECONDS), NO_CHANGES);
    }

    /**
     * Only these protocol versions, each {@code "TLSv1.3"} or {@code "TLSv1.2"}: older ones are
     * refused, since they are broken.
     *
     * @throws IllegalArgumentException for an empty list or another version
     */
    public TlsConfig withProtocols(String... versions) {
        List<String> chosen = List.of(versions);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("at least one protocol version is needed");
        }
        for (String version : chosen) {
            if (!DEFAULT_PROTOCOLS.contains(version)) {
                throw new IllegalArgumentException("unsupported protocol version '" + version + "': TLSv1.3 or TLSv1.2");
            }
        }
        return new TlsConfig(context, client, chosen, cipherSuites, applicationProtocols, hostnameVerification,
                clientAuth, handshakeTimeout, parameterChanges);
    }

    /** Only these cipher suites (JDK names, e.g. {@code TLS_AES_128_GCM_SHA256}); none: the context's defaults. */
    public TlsConfig withCipherSuites(String... suites) {
        return new TlsConfig(context, client, protocols, List.of(suites), applicationProtocols, hostnameVerification,
                clientAuth, handshakeTimeout, parameterChanges);
    }

    /**
     * ALPN: a client offers these protocols in order of preference; a server picks the first of
     * its list that the client offers, and fails the handshake ({@link TlsFailure#NO_APPLICATION_PROTOCOL})
     * when the client offers only others. A client offering none is served without ALPN.
     */
    public TlsConfig withApplicationProtocols(String... names) {
        List<String> chosen = List.of(names);
        for (String name : chosen) {
            if (name.isEmpty() || name.length() > 255) {
                throw new IllegalArgumentException("an ALPN protocol name is 1 to 255 bytes: '" + name + "'");
            }
        }
        return new TlsConfig(context, client, protocols, cipherSuites, chosen, hostnameVerification, clientAuth,
                handshakeTimeout, parameterChanges);
    }

    /**
     * Clients: whether the server's certificate must name the host connected to (on by default).
     * Turn it off only for a peer you identify some other way; the chain is still verified.
     */
    public TlsConfig withHostnameVerification(boolean verify) {
        return new TlsConfig(context, client, protocols, cipherSuites, applicationProtocols, verify, clientAuth,
                handshakeTimeout, parameterChanges);
    }

    /** Servers: whether clients must present a trusted certificate. */
    public TlsConfig withClientAuth(ClientAuth auth) {
        return new TlsConfig(context, client, protocols, cipherSuites, applicationProtocols, hostnameVerification,
                Objects.requireNonNull(auth, "auth"), handshakeTimeout, parameterChanges);
    }

    /**
     * How long a handshake may take in all before it fails with {@link TlsFailure#HANDSHAKE_TIMEOUT}
     * and the connection is closed; {@link Duration#ZERO}: no limit (not advised for servers).
     */
    public TlsConfig withHandshakeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the handshake timeout must not be negative: " + timeout);
        }
        return new TlsConfig(context, client, protocols, cipherSuites, applicationProtocols, hostnameVerification,
                clientAuth, timeout, parameterChanges);
    }

    /**
     * Your own changes to each engine's {@link SSLParameters} (signature schemes, named groups, SNI
     * matchers, a cipher suite order...), applied after Conduit's settings. What it changes is
     * yours: it can weaken the defaults above, and then Conduit does not restore them.
     */
    public TlsConfig withParameters(Consumer<SSLParameters> customizer) {
        return new TlsConfig(context, client, protocols, cipherSuites, applicationProtocols, hostnameVerification,
                clientAuth, handshakeTimeout, parameterChanges.andThen(Objects.requireNonNull(customizer, "customizer")));
    }

    /** Whether this configures the client side. */
    public boolean isClient() {
        return client;
    }

    /** The SSLContext connections are made from. */
    public SSLContext context() {
        return context;
    }

    /** The protocol versions enabled. */
    public List<String> protocols() {
        return protocols;
    }

    /** The ALPN protocols offered (client) or accepted (server), in order of preference. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** Whether a client verifies the server's host name. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** Whether a server asks for client certificates. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The handshake timeout; zero for none. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * A new engine configured as this says. {@code peerHost} (clients: the host name connected to,
     * used for SNI, hostname verification and session resumption; may be null for servers).
     */
    SSLEngine newEngine(String peerHost, int peerPort) {
        SSLEngine engine = peerHost == null ? context.createSSLEngine() : context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(client);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols.toArray(String[]::new));
        if (!cipherSuites.isEmpty()) {
            parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
        }
        if (!applicationProtocols.isEmpty()) {
            parameters.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        }
        if (client) {
            if (hostnameVerification) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (peerHost != null && isHostName(peerHost)) {
                parameters.setServerNames(List.of(new SNIHostName(peerHost)));
            }
        } else {
            switch (clientAuth) {
                case REQUIRED -> parameters.setNeedClientAuth(true);
                case OPTIONAL -> parameters.setWantClientAuth(true);
                case NONE -> parameters.setWantClientAuth(false);
            }
        }
        parameterChanges.accept(parameters);
        engine.setSSLParameters(parameters);
        if (!client && !applicationProtocols.isEmpty()) {
            engine.setHandshakeApplicationProtocolSelector((selecting, offered) -> {
                for (String name : applicationProtocols) {
                    if (offered.contains(name)) {
                        return name;
                    }
                }
                return offered.isEmpty() ? "" : null; // null: fail with no_application_protocol
            });
        }
        return engine;
    }

    /** SNI carries DNS names only, never address literals (RFC 6066 §3). */
    private static boolean isHostName(String host) {
        return !host.contains(":") && !host.matches("[0-9.]+") && !host.endsWith(".");
    }
}
