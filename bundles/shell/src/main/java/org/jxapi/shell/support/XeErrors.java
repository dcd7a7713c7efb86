package org.jxapi.shell.support;

import java.util.List;

import org.jxapi.xenapi.model.ErrorCode;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;

/** A XenAPI error as the shell prints it: the code, then its parameters, named when the model names them. */
public final class XeErrors {
    private XeErrors() {
    }

    /** A command failure the shell prints as is (Karaf prints a CommandException's help text alone). */
    public static org.apache.karaf.shell.support.CommandException error(String text) {
        return new org.apache.karaf.shell.support.CommandException(text, text);
    }

    public static String describe(XenApiException e) {
        List<String> d = e.errorDescription();
        StringBuilder sb = new StringBuilder("Error code: ").append(d.get(0));
        List<String> params = d.subList(1, d.size());
        if (params.isEmpty()) {
            return sb.toString();
        }
        ErrorCode code = ErrorCodes.all().get(d.get(0));
        List<String> names = code == null ? List.of() : code.params();
        sb.append("\nError parameters: ");
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (names.size() == params.size()) {
                sb.append(names.get(i)).append(": ");
            }
            sb.append(params.get(i));
        }
        return sb.toString();
    }
}
