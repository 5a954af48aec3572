/**
 * Raw jextract bindings, one package per platform variant ({@code dev.conduit.headers.<os>.<arch>}).
 * Generated from {@code headers/inputs} and {@code headers/variants}; never edited by hand.
 * {@link dev.conduit.headers.BindingsNaming} defines that naming convention.
 */
module dev.conduit.headers {
    exports dev.conduit.headers;
    exports dev.conduit.headers.linux.x86_64;
    exports dev.conduit.headers.linux.aarch64;
    exports dev.conduit.headers.macos.x86_64;
    exports dev.conduit.headers.macos.aarch64;
}
