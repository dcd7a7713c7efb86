package org.jxapi.sample.hello;

import java.util.List;

import org.jxapi.api.Call;
import org.jxapi.extensions.XenApiExtension;
import org.jxapi.xenapi.model.ErrorCodes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A XenAPI extension served by a bundle: {@code sample.hello(session, name)} answers a greeting.
 * Clients call it as {@code host.call_extension(session, host,
 * '{"method":"sample.hello","params":["<session>","Ada"]}')} or, being pool-admin, directly as
 * {@code sample.hello}. Dropped into {@code deploy/} it answers at once; removed, the same calls
 * fail with {@code MESSAGE_METHOD_UNKNOWN}, as a missing extension does in the original.
 */
@Component(service = XenApiExtension.class, configurationPid = "org.jxapi.sample.hello", immediate = true,
        property = XenApiExtension.NAME + "=" + HelloExtension.NAME)
@Designate(ocd = HelloConfig.class)
public class HelloExtension implements XenApiExtension {
    static final String NAME = "sample.hello";
    private static final Logger LOG = LoggerFactory.getLogger(HelloExtension.class);
    private final String greeting;

    @Activate
    public HelloExtension(HelloConfig config) {
        this.greeting = config.greeting();
        LOG.info("extension {} active, greeting \"{}\"", NAME, greeting);
    }

    /** Parameters: the session (checked by the server for direct calls), then an optional name. */
    @Override
    public Object call(Call call, List<Object> params) {
        if (params.size() > 2) {
            throw ErrorCodes.MESSAGE_PARAMETER_COUNT_MISMATCH.error(NAME, "2", Integer.toString(params.size()));
        }
        Object name = params.size() == 2 ? params.get(1) : null;
        if (name != null && !(name instanceof String)) {
            throw ErrorCodes.FIELD_TYPE_ERROR.error("name");
        }
        return hello((String) name);
    }

    String hello(String name) {
        return greeting + ", " + (name == null || name.isBlank() ? "world" : name);
    }

    @Deactivate
    void deactivate() {
        LOG.info("extension {} stopped", NAME);
    }
}
