package dev.conduit.net.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.conduit.net.Platform;
import java.lang.foreign.StructLayout;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PosixProvidersTest {

    @Test
    void everyVariantCanBeCreatedAnywhere() {
        List<String> variants = ServiceLoader.load(Posix.class).stream()
                .map(ServiceLoader.Provider::get)
                .map(Posix::variant)
                .toList();
        assertEquals(List.of("linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-aarch64"), variants);
    }

    @Test
    void everyVariantGivesItsOwnSockaddrStorageAndSocklenLayouts() {
        for (Posix posix : ServiceLoader.load(Posix.class)) {
            String variant = posix.variant();
            StructLayout storage = posix.sockaddrStorageLayout();
            assertEquals(Optional.of("sockaddr_storage"), storage.name(), variant);
            assertEquals(128, storage.byteSize(), variant);
            assertEquals(8, storage.byteAlignment(), variant);
            assertEquals(4, posix.socklenLayout().byteSize(), variant);
        }
    }

    @Test
    void selectsTheImplementationForThisPlatformOnce() {
        Posix posix = Sys.posix();
        assertEquals(Platform.current(), posix.variant());
        assertSame(posix, Sys.posix());
    }
}
