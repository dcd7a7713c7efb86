package org.jxapi.api.impl.dispatch;

import java.util.function.Supplier;

import org.jxapi.api.Call;
import org.jxapi.api.CallContexts;

/** The call served on each thread, bound for the duration of the call. */
public final class CallContextsImpl implements CallContexts {
    private final ThreadLocal<Call> current = new ThreadLocal<>();

    @Override
    public Call current() {
        return current.get();
    }

    public <T> T with(Call call, Supplier<T> work) {
        Call previous = current.get();
        current.set(call);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }
}
