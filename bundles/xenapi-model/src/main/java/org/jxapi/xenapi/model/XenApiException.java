package org.jxapi.xenapi.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one failure type of the XenAPI: an error code from the model ({@link ErrorCodes}) and
 * its parameters, sent to clients as {@code [CODE, param1, ...]}.
 */
public class XenApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final List<String> params;

    public XenApiException(String code, String... params) {
        this(code, List.of(params), null);
    }

    public XenApiException(String code, List<String> params, Throwable cause) {
        super(code + (params.isEmpty() ? "" : " " + params), cause, true, false);
        this.code = code;
        List<String> copy = new ArrayList<>(params.size());
        for (String p : params) {
            copy.add(p == null ? "" : p);
        }
        this.params = Collections.unmodifiableList(copy);
    }

    public XenApiException(ErrorCode code, String... params) {
        this(code.name(), params);
    }

    public String code() {
        return code;
    }

    public List<String> params() {
        return params;
    }

    /** The wire form: the code followed by its parameters. */
    public List<String> errorDescription() {
        List<String> all = new ArrayList<>(params.size() + 1);
        all.add(code);
        all.addAll(params);
        return all;
    }

    /** {@code INTERNAL_ERROR [message]} for failures that are our fault, not the caller's. */
    public static XenApiException internal(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new XenApiException(ErrorCodes.INTERNAL_ERROR.name(), List.of(message), t);
    }
}
