/**
 * The {@code @SocketOps} annotation family: an interface's methods describe native socket operations
 * by their C names, and the {@code dev.conduit.processor} annotation processor generates one
 * implementation per platform variant. Every annotation has class retention, so a module that uses
 * them reads this one with {@code requires static}: it is needed to compile, never at run time.
 */
module dev.conduit.ops {
    exports dev.conduit.ops;
}
