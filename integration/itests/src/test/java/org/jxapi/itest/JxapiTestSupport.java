package org.jxapi.itest;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Boots the distribution built by this reactor (the tar.gz, not a Maven URL: Pax URL does not
 * see the reactor) with its ports moved out of the way, and offers small helpers.
 */
public abstract class JxapiTestSupport {
    static final String KARAF_VERSION = "4.4.10";

    /** The root password the test distribution starts with. */
    public static final String ROOT_PASSWORD = "itest-root-password";

    @Inject
    protected BundleContext bundleContext;

    /** Injected once every boot feature is installed, so tests never race the boot. */
    @Inject
    protected org.apache.karaf.features.BootFinished bootFinished;

    /** The XenAPI ports of the Karaf under test, chosen free at configuration time. */
    protected static final String HTTP_PORT = freePort();
    protected static final String HTTPS_PORT = freePort();

    /** The Karaf configuration every jxapi test starts from; subclasses add to it. */
    protected Option[] baseConfiguration(Option... extra) {
        String dist = required("jxapi.dist");
        File unpack = new File(System.getProperty("jxapi.buildDir", "target"), "exam");
        List<Option> options = new ArrayList<>();
        options.add(karafDistributionConfiguration()
                .frameworkUrl("file:" + dist)
                .karafVersion(KARAF_VERSION)
                .name("jxapi")
                .unpackDirectory(unpack)
                .useDeployFolder(false));
        options.add(keepRuntimeFolder());
        options.add(logLevel(LogLevelOption.LogLevel.INFO));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()));
        options.add(editConfigurationFilePut("etc/org.jxapi.api.cfg", "http.port", HTTP_PORT));
        options.add(editConfigurationFilePut("etc/org.jxapi.api.cfg", "https.port", HTTPS_PORT));
        options.add(editConfigurationFilePut("etc/org.jxapi.api.core.cfg", "root.password", ROOT_PASSWORD));
        options.add(systemProperty("jxapi.http.port").value(HTTP_PORT));
        options.add(systemProperty("jxapi.https.port").value(HTTPS_PORT));
        String repo = System.getProperty("jxapi.localRepository");
        if (repo != null) {
            options.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                    "org.ops4j.pax.url.mvn.localRepository", repo));
        }
        for (String key : List.of("jxapi.sample.hello")) {
            String v = System.getProperty(key);
            if (v != null) {
                options.add(systemProperty(key).value(v));
            }
        }
        options.addAll(java17Options());
        options.addAll(List.of(extra));
        return options.toArray(new Option[0]);
    }

    /** What bin/karaf adds on Java 9+; Pax Exam starts the JVM itself, so it must add them too. */
    private static List<Option> java17Options() {
        List<Option> o = new ArrayList<>();
        for (String s : List.of(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"
                        + File.pathSeparator + "lib/endorsed/*")) {
            o.add(new VMOption(s));
        }
        return o;
    }

    protected static String required(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException("system property " + key + " is not set (run through Maven failsafe)");
        }
        return v;
    }

    protected static String freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    protected static boolean eventually(long timeoutMillis, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
