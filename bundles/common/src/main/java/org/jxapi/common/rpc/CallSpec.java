package org.jxapi.common.rpc;

import java.util.List;
import java.util.Set;

/**
 * One call as an API's own annotation declares it, read into a shape the transport understands.
 *
 * @param name the wire method name, e.g. {@code VM.start}
 * @param params the wire names of the positional parameters, in order; names past the Java method's
 *        parameters are sent as {@code null} and ignored when received (the original's unit parameters)
 * @param options parameters of option type: sent as {@code null} for none, read from null, [], [x] or a bare x
 * @param pairs map parameters sent as a list of {@code [key, value]} pairs rather than an object
 * @param aliases further wire names the server accepts for this call
 */
public record CallSpec(String name, List<String> params, Set<String> options, Set<String> pairs, Set<String> aliases) {
    public CallSpec {
        params = List.copyOf(params);
        options = Set.copyOf(options);
        pairs = Set.copyOf(pairs);
        aliases = Set.copyOf(aliases);
    }
}
