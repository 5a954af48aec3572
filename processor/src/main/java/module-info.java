/**
 * The {@code @SocketOps} annotation family ({@code dev.conduit.ops}) and the processor that turns an
 * annotated interface into one implementation per platform variant.
 */
module dev.conduit.processor {
    requires java.compiler;
    requires com.palantir.javapoet;
    requires static com.google.auto.service;

    exports dev.conduit.ops;

    provides javax.annotation.processing.Processor with dev.conduit.processor.SocketOpsProcessor;
}
