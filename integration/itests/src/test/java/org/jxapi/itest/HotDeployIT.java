package org.jxapi.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.util.tracker.ServiceTracker;

/** A sample bundle copied into deploy/ of the running distribution starts without a restart. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends JxapiTestSupport {

    @Configuration
    public Option[] config() {
        return baseConfiguration();
    }

    @Test
    public void sampleBundleDroppedIntoDeployBecomesActiveAndLeavesWhenRemoved() throws Exception {
        String symbolicName = "org.jxapi.sample.hello";
        assertNull("the sample must not be there before the copy", bundle(symbolicName));
        long frameworkStart = bundleContext.getBundle(0).getLastModified();

        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path jar = deploy.resolve("hello-extension.jar");
        Files.copy(new File(required("jxapi.sample.hello")).toPath(), jar, StandardCopyOption.REPLACE_EXISTING);

        assertTrue("sample bundle did not become active within 30 s", eventually(30_000, () -> {
            Bundle b = bundle(symbolicName);
            return b != null && b.getState() == Bundle.ACTIVE;
        }));
        // A tracker waits for the service's registration itself: no polling.
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(bundleContext, bundleContext.createFilter(
                "(&(objectClass=org.jxapi.extensions.XenApiExtension)(xenapi.extension.name=sample.hello))"), null);
        tracker.open();
        try {
            Object service = tracker.waitForService(10_000);
            assertNotNull("the sample's component did not register its extension service", service);
            Method call = null;
            for (Method m : service.getClass().getMethods()) {
                if (m.getName().equals("call") && m.getParameterCount() == 2) {
                    call = m;
                }
            }
            assertNotNull("the extension has no call(Call, List) method", call);
            assertEquals("Hello, admin", call.invoke(service, null, java.util.List.of("OpaqueRef:none", "admin")));
        } finally {
            tracker.close();
        }
        assertEquals("the framework restarted", frameworkStart, bundleContext.getBundle(0).getLastModified());

        Files.delete(jar);
        assertTrue("sample bundle was not uninstalled after its jar was deleted",
                eventually(30_000, () -> bundle(symbolicName) == null));
    }
}
