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
}
