package org.jxapi.xenops.api;

import java.util.List;
import java.util.Objects;

/** An error as data: its code and parameters, as strings. */
public record XenopsError(XenopsErrorCode code, List<String> params) {
    public XenopsError {
        Objects.requireNonNull(code, "code");
        params = params == null ? List.of() : params.stream().map(p -> p == null ? "" : p).toList();
    }

    public static XenopsError of(XenopsErrorCode code, String... params) {
        return new XenopsError(code, List.of(params));
    }

    @Override
    public String toString() {
        return params.isEmpty() ? code.wireName() : code.wireName() + params;
    }
}
