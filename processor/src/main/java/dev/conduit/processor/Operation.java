package dev.conduit.processor;

import javax.lang.model.element.ExecutableElement;

/**
 * One validated method of a {@code @SocketOps} interface: what its annotation asks for, resolved
 * against every variant's bindings. The generator turns each into a method per variant.
 */
sealed interface Operation
        permits SocketCall, SockOptAccess, ConstantRead, SockaddrEncode, SockaddrDecode, SockaddrFamilyRead,
                LayoutRead, CallStateLayoutRead, VariantNameRead, ErrnoNameRead {

    /** The interface method this operation implements. */
    ExecutableElement method();

    /**
     * What the operation does, in words ({@code calls socket(int, int, int)}): two methods with the
     * same description are duplicates.
     */
    String does();
}
