package org.jxapi.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.jxapi.db.Database;
import org.jxapi.xenapi.model.Ref;

/** The assembled distribution boots with jxapi-core, every jxapi bundle active and every component satisfied. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionBootIT extends JxapiTestSupport {

    @Inject
    private FeaturesService features;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private Database database;

    @Inject
    private MetaTypeService metatype;

    @Configuration
    public Option[] config() {
        return baseConfiguration();
    }

    @Test
    public void jxapiCoreIsInstalledAtBoot() throws Exception {
        assertTrue(features.isInstalled(features.getFeature("jxapi-core")));
        assertTrue(features.isInstalled(features.getFeature("jxapi-model")));
    }

    @Test
    public void everyJxapiBundleIsActive() {
        List<String> jxapi = new ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().startsWith("org.jxapi.")) {
                jxapi.add(b.getSymbolicName());
                assertEquals(b.getSymbolicName() + " is not active", Bundle.ACTIVE, b.getState());
            }
        }
        assertTrue("no jxapi bundle installed", jxapi.contains("org.jxapi.xenapi.model"));
    }

    @Test
    public void everyJxapiComponentIsSatisfied() throws Exception {
        // Components activate in the background (the first start makes a TLS certificate): let them settle.
        List<List<String>> problems = new ArrayList<>(List.of(List.of()));
        eventually(20_000, () -> {
            problems.set(0, componentProblems());
            return problems.get(0).isEmpty();
        });
        assertTrue("unsatisfied components: " + problems.get(0), problems.get(0).isEmpty());
    }

    private List<String> componentProblems() {
        List<String> problems = new ArrayList<>();
        int components = 0;
        for (Bundle b : bundleContext.getBundles()) {
            if (!b.getSymbolicName().startsWith("org.jxapi.")) {
                continue;
            }
            String header = b.getHeaders().get("Service-Component");
            Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs(b);
            if (header != null) {
                assertFalse(b.getSymbolicName() + " declares components but SCR knows none", descriptions.isEmpty());
            }
            for (ComponentDescriptionDTO d : descriptions) {
                components++;
                if (!scr.isComponentEnabled(d)) {
                    problems.add(d.name + " is disabled");
                    continue;
                }
                Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(d);
                boolean needsConfig = "require".equals(d.configurationPolicy);
                if (configs.isEmpty() && !needsConfig) {
                    problems.add(d.name + " has no configuration");
                }
                for (ComponentConfigurationDTO c : configs) {
                    if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                            || c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                            || c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        problems.add(d.name + " is in state " + c.state
                                + (c.failure == null ? "" : ": " + c.failure));
                    }
                }
            }
        }
        assertNotNull(scr);
        assertTrue("no jxapi component found", components > 0);
        return problems;
    }

    @Test
    public void theDatabaseRunsAndItsConfigurationIsDescribed() throws Exception {
        Ref<Object> sr = database.write(tx -> tx.create("SR", java.util.Map.of("name_label", "boot-test")));
        assertEquals("boot-test", database.snapshot().require("SR", sr).get("name_label"));
        ObjectClassDefinition ocd = metatype.getMetaTypeInformation(bundle("org.jxapi.db"))
                .getObjectClassDefinition("org.jxapi.db", null);
        List<String> keys = new ArrayList<>();
        for (AttributeDefinition a : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            keys.add(a.getID());
            assertFalse(a.getID() + " has no description", a.getDescription() == null || a.getDescription().isEmpty());
        }
        assertTrue(keys.toString(), keys.containsAll(List.of("data.dir", "fsync", "journal.compact.bytes",
                "changelog.capacity")));
        assertTrue("the feature did not write etc/org.jxapi.db.cfg",
                new java.io.File(System.getProperty("karaf.etc"), "org.jxapi.db.cfg").exists());
    }
}
