package org.jxapi.sample.hello;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sample extension bundle. Copied into {@code deploy/} of a running toolstack, it becomes
 * active at once; its greeting is configurable through {@code etc/org.jxapi.sample.hello.cfg}.
 */
@Component(service = HelloExtension.class, configurationPid = "org.jxapi.sample.hello", immediate = true)
@Designate(ocd = HelloConfig.class)
public class HelloExtension {
    private static final Logger LOG = LoggerFactory.getLogger(HelloExtension.class);
    private final String greeting;

    @Activate
    public HelloExtension(HelloConfig config) {
        this.greeting = config.greeting();
        LOG.info("hello extension active, greeting \"{}\"", greeting);
    }

    /** The answer to a call of this extension. */
    public String hello(String name) {
        return greeting + ", " + (name == null || name.isBlank() ? "world" : name);
    }

    @Deactivate
    void deactivate() {
        LOG.info("hello extension stopped");
    }
}
