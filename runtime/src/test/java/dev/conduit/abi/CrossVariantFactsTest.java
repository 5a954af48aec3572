package dev.conduit.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The differences between platforms that Conduit exists for, read from Dump of each variant. */
class CrossVariantFactsTest {

    @Test
    void solSocketDiffersBetweenLinuxAndMacos() {
        for (String linux : new String[] {"linux-x86_64", "linux-aarch64"}) {
            for (String macos : new String[] {"macos-x86_64", "macos-aarch64"}) {
                assertNotEquals(Abi.dump(linux).constants().get("SOL_SOCKET"), Abi.dump(macos).constants().get("SOL_SOCKET"),
                        "SOL_SOCKET of " + linux + " and " + macos);
            }
        }
    }

    @Test
    void macosSockaddrInStartsWithALengthByte() {
        for (String macos : new String[] {"macos-x86_64", "macos-aarch64"}) {
            var fields = Abi.dump(macos).structs().get("sockaddr_in").fields();
            assertEquals(new Abi.Field(0, 1), fields.get("sin_len"), macos + " sin_len");
            assertEquals(new Abi.Field(1, 1), fields.get("sin_family"), macos + " sin_family");
        }
    }

    @Test
    void linuxSockaddrInStartsWithATwoByteFamily() {
        for (String linux : new String[] {"linux-x86_64", "linux-aarch64"}) {
            var fields = Abi.dump(linux).structs().get("sockaddr_in").fields();
            assertEquals(null, fields.get("sin_len"), linux + " has no sin_len");
            assertEquals(new Abi.Field(0, 2), fields.get("sin_family"), linux + " sin_family");
        }
    }

    /** glibc declares it __attribute__((packed)) on x86_64 only (bits/epoll.h): the one layout the two Linux arches differ in. */
    @Test
    void epollEventIsPackedOnX8664AndNaturalOnAarch64() {
        Abi.Struct x86 = Abi.dump("linux-x86_64").structs().get("epoll_event");
        assertEquals(12, x86.size(), "linux-x86_64 sizeof(struct epoll_event)");
        assertEquals(1, x86.align(), "linux-x86_64 _Alignof(struct epoll_event)");
        assertEquals(new Abi.Field(4, 8), x86.fields().get("data"), "linux-x86_64 epoll_event.data");
        Abi.Struct arm = Abi.dump("linux-aarch64").structs().get("epoll_event");
        assertEquals(16, arm.size(), "linux-aarch64 sizeof(struct epoll_event)");
        assertEquals(8, arm.align(), "linux-aarch64 _Alignof(struct epoll_event)");
        assertEquals(new Abi.Field(8, 8), arm.fields().get("data"), "linux-aarch64 epoll_event.data");
    }

    /** xnu declares it under #pragma pack(4) (bsd/sys/event.h): natural offsets on LP64, but 4-aligned. */
    @Test
    void macosKeventIsThirtyTwoBytesAlignedToFour() {
        for (String macos : new String[] {"macos-x86_64", "macos-aarch64"}) {
            Abi.Struct kevent = Abi.dump(macos).structs().get("kevent");
            assertEquals(32, kevent.size(), macos + " sizeof(struct kevent)");
            assertEquals(4, kevent.align(), macos + " _Alignof(struct kevent)");
            assertEquals(new Abi.Field(16, 8), kevent.fields().get("data"), macos + " kevent.data");
        }
    }
}
