/**
 * Conduit: sockets on the Foreign Function and Memory API, with the platform's own constants and
 * layouts. {@link dev.conduit.net.TcpListener}, {@link dev.conduit.net.TcpStream} and
 * {@link dev.conduit.net.NativeSocket} are the entry points.
 */
module dev.conduit {
    requires dev.conduit.headers;
    requires static dev.conduit.ops; // @SocketOps on sys.Posix: class retention, compile time only
    requires static java.compiler; // @Generated on the generated implementations
    requires jdk.net; // ExtendedSocketOptions: the JDK's own keepalive option constants

    exports dev.conduit.net;
    exports dev.conduit.net.tls;
    // dev.conduit.abi (the Dump contributor tool) is not exported: run it by its main class

    uses dev.conduit.net.sys.Posix;
    provides dev.conduit.net.sys.Posix with
            dev.conduit.net.sys.Posix_linux_x86_64,
            dev.conduit.net.sys.Posix_linux_aarch64,
            dev.conduit.net.sys.Posix_macos_x86_64,
            dev.conduit.net.sys.Posix_macos_aarch64;
}
