/**
 * Conduit: sockets on the Foreign Function and Memory API, with the platform's own constants and
 * layouts. {@link dev.conduit.net.Socket} is the entry point.
 */
module dev.conduit {
    requires dev.conduit.headers;
    requires static dev.conduit.processor;
    requires static java.compiler; // @Generated on the generated implementations

    exports dev.conduit.net;
    exports dev.conduit.abi;

    uses dev.conduit.net.sys.Posix;
    provides dev.conduit.net.sys.Posix with
            dev.conduit.net.sys.Posix_linux_x86_64,
            dev.conduit.net.sys.Posix_linux_aarch64,
            dev.conduit.net.sys.Posix_macos_x86_64,
            dev.conduit.net.sys.Posix_macos_aarch64;
}
