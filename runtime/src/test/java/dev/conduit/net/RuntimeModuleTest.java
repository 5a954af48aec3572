package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the {@code dev.conduit} module reads: the bindings at run time, the annotations to compile only. */
class RuntimeModuleTest {

    @Test
    void theAnnotationsAreNeededToCompileOnlyAndTheProcessorNotAtAll() {
        ModuleDescriptor runtime = TcpListener.class.getModule().getDescriptor();
        Map<String, Set<Requires.Modifier>> requires = runtime.requires().stream()
                .collect(Collectors.toMap(Requires::name, Requires::modifiers));
        assertEquals(Set.of(Requires.Modifier.STATIC), requires.get("dev.conduit.ops"), requires.toString());
        assertEquals(Set.of(), requires.get("dev.conduit.headers"), requires.toString());
        assertFalse(requires.containsKey("dev.conduit.processor"), requires.toString());
    }
}
