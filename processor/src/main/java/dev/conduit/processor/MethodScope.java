package dev.conduit.processor;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import java.util.Collection;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One generated method: its {@code @Override} header copied from the interface method, and the names
 * in its body. Parameters keep their declared names unless one would hide a type or field the body
 * refers to ({@code Libc}, {@code sockaddr_in}, ...); temporaries ({@code result}, {@code errno}) are
 * allocated after them, so they never clash.
 */
final class MethodScope {

    private final ExecutableElement method;
    private final NameAllocator names = new NameAllocator();
    private final MethodSpec.Builder builder;

    MethodScope(ExecutableElement method, Collection<String> reserved) {
        this.method = method;
        for (String name : reserved) {
            names.newName(name);
        }
        builder = MethodSpec.methodBuilder(method.getSimpleName().toString())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.get(method.getReturnType()))
                .varargs(method.isVarArgs());
        for (VariableElement p : method.getParameters()) {
            builder.addParameter(TypeName.get(p.asType()), names.newName(p.getSimpleName().toString(), p));
        }
        for (TypeMirror thrown : method.getThrownTypes()) {
            builder.addException(TypeName.get(thrown));
        }
    }

    MethodSpec.Builder builder() {
        return builder;
    }

    /** The generated name of parameter {@code index}. */
    String parameter(int index) {
        return names.get(method.getParameters().get(index));
    }

    int parameterCount() {
        return method.getParameters().size();
    }

    /** The name of parameter {@code index} as declared, for messages. */
    String declaredParameter(int index) {
        return method.getParameters().get(index).getSimpleName().toString();
    }

    /** A fresh local variable name, {@code suggestion} if it is free. */
    String local(String suggestion) {
        return names.newName(suggestion);
    }

    MethodSpec build() {
        return builder.build();
    }
}
