package org.jxapi.shell.jaas;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.jxapi.api.Accounts;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The JAAS realm {@value #NAME}: jxapi accounts for Karaf's SSH server (and bin/client), chosen
 * by {@code sshRealm = jxapi} in {@code etc/org.apache.karaf.shell.cfg}.
 */
@Component(service = JaasRealm.class)
public class JxapiRealm implements JaasRealm {
    public static final String NAME = "jxapi";
    private final AppConfigurationEntry[] entries;

    @Activate
    public JxapiRealm(@Reference Accounts accounts, BundleContext context) {
        Map<String, Object> options = new HashMap<>();
        // Karaf's proxy loads the module from this bundle, so that it sees this bundle's imports.
        options.put(ProxyLoginModule.PROPERTY_MODULE, JxapiLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        options.put(JxapiLoginModule.ACCOUNTS, accounts);
        entries = new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries;
    }
}
