package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.ProvidesDirective;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * In a named module, ServiceLoader ignores {@code META-INF/services}: the module must declare
 * {@code provides <Interface> with <every generated class>}. javac only shows a {@code provides}
 * implementation once its class exists, so this runs in the round after the classes were generated.
 */
final class ProvidesCheck {

    /** An interface whose implementations were generated and whose module is still to be checked. */
    record Pending(String service, List<ClassName> implementations) {
    }

    private ProvidesCheck() {
    }

    static void check(Elements elements, Reporter reporter, Pending pending) {
        TypeElement service = elements.getTypeElement(pending.service());
        if (service == null) {
            return;
        }
        ModuleElement module = elements.getModuleOf(service);
        if (module == null || module.isUnnamed()) {
            return;
        }
        Set<String> provided = new LinkedHashSet<>();
        for (ProvidesDirective d : ElementFilter.providesIn(module.getDirectives())) {
            if (d.getService().getQualifiedName().contentEquals(pending.service())) {
                d.getImplementations().forEach(i -> provided.add(i.getQualifiedName().toString()));
            }
        }
        List<String> missing = pending.implementations().stream().map(ClassName::canonicalName)
                .filter(n -> !provided.contains(n)).toList();
        if (!missing.isEmpty()) {
            String line = pending.implementations().stream().map(ClassName::canonicalName)
                    .collect(Collectors.joining(", ", "provides " + pending.service() + " with ", ";"));
            reporter.error(service, Problem.MISSING_PROVIDES, module.getQualifiedName(), pending.service(),
                    String.join(", ", missing), line);
        }
    }
}
