package org.jxapi.xapi.vm.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.DomainType;
import org.jxapi.xenapi.model.types.OnCrashBehaviour;
import org.jxapi.xenapi.model.types.OnNormalExit;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default templates a fresh host offers (the original ships many, all is_a_template VMs
 * with other_config describing how to install them): made at start when missing, found again by
 * their reference_label. Clone one, set the {@code sr} of its other_config:disks, provision it,
 * and it becomes a VM with its disks (the guide's getting-started flow).
 */
@Component(service = Templates.class, immediate = true, configurationPid = "org.jxapi.xapi.vm")
public class Templates {
    private static final Logger LOG = LoggerFactory.getLogger(Templates.class);
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /** One default template. */
    record Template(String label, String name, String description, long memory, long vcpus, long diskSize,
            String installMethods) { }

    static final List<Template> DEFAULTS = List.of(
            new Template("other-install-media", "Other install media",
                    "Template for a VM installed from install media (a CD or an ISO image)", 256 * MIB, 1, 8 * GIB,
                    "cdrom"),
            new Template("generic-linux", "Generic Linux",
                    "Template for a Linux VM installed from a CD, an ISO image or the network", 1024 * MIB, 2,
                    10 * GIB, "cdrom,nfs,http,ftp"));

    @Activate
    public Templates(@Reference(name = "database") Database db, XapiVmConfig config) {
        if (config.default_templates()) {
            int made = db.write(tx -> ensure(tx));
            if (made > 0) {
                LOG.info("{} default templates made", made);
            }
        }
    }

    static int ensure(WriteTransaction tx) {
        int made = 0;
        for (Template t : DEFAULTS) {
            boolean present = false;
            for (Row vm : tx.table("VM")) {
                if (t.label().equals(vm.get("reference_label")) && Boolean.TRUE.equals(vm.get("is_a_template"))) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                Ref<Object> vm = tx.create("VM", fields(t));
                VmStates.allowed(tx, vm);
                made++;
            }
        }
        return made;
    }

    static Map<String, Object> fields(Template t) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name_label", t.name());
        f.put("name_description", t.description());
        f.put("is_a_template", true);
        f.put("is_default_template", true);
        f.put("reference_label", t.label());
        f.put("power_state", VmPowerState.HALTED);
        f.put("user_version", 1L);
        f.put("memory_static_max", t.memory());
        f.put("memory_dynamic_max", t.memory());
        f.put("memory_dynamic_min", t.memory());
        f.put("memory_static_min", Math.min(t.memory(), 128 * MIB));
        f.put("VCPUs_max", t.vcpus());
        f.put("VCPUs_at_startup", t.vcpus());
        f.put("actions_after_shutdown", OnNormalExit.DESTROY);
        f.put("actions_after_reboot", OnNormalExit.RESTART);
        f.put("actions_after_crash", OnCrashBehaviour.RESTART);
        f.put("HVM_boot_policy", "BIOS order");
        f.put("HVM_boot_params", Values.mapOf("order", "cd"));
        f.put("domain_type", DomainType.HVM);
        f.put("platform", Values.mapOf("acpi", "1", "apic", "true", "pae", "true", "viridian", "false",
                "nx", "true", "device-model", "qemu-upstream-compat"));
        f.put("other_config", Values.mapOf("default_template", "true", "install-methods", t.installMethods(),
                "disks", "<provision><disk device=\"0\" size=\"" + t.diskSize()
                        + "\" sr=\"\" bootable=\"true\" type=\"system\"/></provision>"));
        f.put("recommendations", "<restrictions><restriction field=\"memory-static-max\" max=\"" + (64 * GIB)
                + "\"/><restriction field=\"vcpus-max\" max=\"32\"/></restrictions>");
        f.put("domid", -1L);
        return f;
    }
}
