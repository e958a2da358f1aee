package dev.turnstile.wiring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * A port whose implementation is built at its first call. The check-in Lambda's jar leaves out the
 * libraries of what it never does (PDF and QR rendering among them: docs/check-in.md, "The
 * check-in Lambda"); building such an adapter eagerly would load its classes, and their libraries,
 * in every container that wires all use cases.
 */
final class OnFirstUse {

    private OnFirstUse() {
    }

    static <T> T of(Class<T> port, Supplier<? extends T> build) {
        var holder = new Object() {
            private T built;

            synchronized T get() {
                if (built == null) {
                    built = build.get();
                }
                return built;
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "OnFirstUse(" + port.getSimpleName() + ")";
                };
            }
            try {
                return method.invoke(holder.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
