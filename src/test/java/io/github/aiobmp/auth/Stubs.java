package io.github.aiobmp.auth;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/** Interface stubs that answer the few calls a test or a benchmark's set-up makes; never on a measured path. */
public final class Stubs {

    private Stubs() {
    }

    /**
     * Returns a {@code type} whose methods named in {@code answers} answer with their function of
     * the arguments; any other method throws {@link UnsupportedOperationException}.
     */
    public static <T> T answering(Class<T> type, Map<String, Function<Object[], Object>> answers, Class<?>... moreTypes) {
        Class<?>[] types = new Class<?>[moreTypes.length + 1];
        types[0] = type;
        System.arraycopy(moreTypes, 0, types, 1, moreTypes.length);
        Object stub = Proxy.newProxyInstance(type.getClassLoader(), types, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(args == null ? new Object[0] : args);
            }
            return switch (method.getName()) {
                case "toString" -> "stub " + type.getSimpleName();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(type.getSimpleName() + " stub: " + method.getName());
            };
        });
        return type.cast(stub);
    }
}
