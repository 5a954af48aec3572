package dev.conduit.net.sys;

import java.util.function.Supplier;

/**
 * A value made on first use, so that what it links (a bindings class, a downcall) is not linked at
 * start-up. Racing threads may both make one; the values are equal and one is kept, so no lock is
 * needed.
 */
final class Lazy<T> {

    private final Supplier<T> make;
    private volatile T value;

    Lazy(Supplier<T> make) {
        this.make = make;
    }

    T get() {
        T v = value;
        if (v == null) {
            v = make.get();
            value = v;
        }
        return v;
    }
}
