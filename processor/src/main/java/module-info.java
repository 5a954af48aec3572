/**
 * The annotation processor that turns an interface annotated with {@code @SocketOps}
 * ({@code dev.conduit.ops}) into one implementation per platform variant. It runs at build time only,
 * from the compiler's processor path.
 */
@SuppressWarnings("requires-automatic") // JavaPoet and AutoService ship no module-info: automatic modules
module dev.conduit.processor {
    requires java.compiler;
    requires com.palantir.javapoet;
    requires dev.conduit.ops;
    requires dev.conduit.headers; // BindingsNaming only: the processor reads bindings from the compilation
    requires static com.google.auto.service;

    provides javax.annotation.processing.Processor with dev.conduit.processor.SocketOpsProcessor;
}
