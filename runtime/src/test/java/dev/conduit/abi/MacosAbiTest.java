package dev.conduit.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * macOS variants: no SDK here, so Dump must equal a value table whose values come from public
 * sources independent of the ones the headers were written from ({@code abi/macos.json}; its
 * {@code source} entry names them). Every constant and struct must be on both sides, with the same
 * values. Both architectures share one table: Darwin's socket ABI is the same on arm64 and x86_64.
 */
class MacosAbiTest {

    @ParameterizedTest
    @ValueSource(strings = {"macos-aarch64", "macos-x86_64"})
    void bindingsEqualTheIndependentTable(String variant) throws IOException {
        assertEquals(List.of(), Abi.dump(variant).differences(table(), "abi/macos.json"),
                variant + " bindings differ from the macOS value table");
    }

    @Test
    void aTableOneValueOffIsReported() throws IOException {
        Abi dump = Abi.dump("macos-aarch64");
        Abi wrongTable = table().withConstant("SO_NOSIGPIPE", 4131);
        assertEquals(List.of("constant SO_NOSIGPIPE: bindings 4130, abi/macos.json 4131"),
                dump.differences(wrongTable, "abi/macos.json"));
    }

    static Abi table() throws IOException {
        try (InputStream in = MacosAbiTest.class.getResourceAsStream("/abi/macos.json")) {
            assertNotNull(in, "test resource abi/macos.json is missing");
            return Abi.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
