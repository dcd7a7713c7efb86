package org.jxapi.xapi.vm.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.DomainType;
import org.jxapi.xenapi.model.types.OnCrashBehaviour;
import org.jxapi.xenapi.model.types.OnNormalExit;
import org.jxapi.xenapi.model.types.Vm;
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
            for (Row vm : tx.table(Vm.CLASS)) {
                if (t.label().equals(vm.get(Vm.Fields.REFERENCE_LABEL)) && Boolean.TRUE.equals(vm.get(Vm.Fields.IS_A_TEMPLATE))) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                Ref<Vm> vm = tx.create(Vm.CLASS, fields(t));
                VmStates.allowed(tx, vm);
                made++;
            }
        }
        return made;
    }

    static FieldValues<Vm> fields(Template t) {
        FieldValues<Vm> f = FieldValues.of(Vm.CLASS);
        f.put(Vm.Fields.NAME_LABEL, t.name());
        f.put(Vm.Fields.NAME_DESCRIPTION, t.description());
        f.put(Vm.Fields.IS_A_TEMPLATE, true);
        f.put(Vm.Fields.IS_DEFAULT_TEMPLATE, true);
        f.put(Vm.Fields.REFERENCE_LABEL, t.label());
        f.put(Vm.Fields.POWER_STATE, VmPowerState.HALTED);
        f.put(Vm.Fields.USER_VERSION, 1L);
        f.put(Vm.Fields.MEMORY_STATIC_MAX, t.memory());
        f.put(Vm.Fields.MEMORY_DYNAMIC_MAX, t.memory());
        f.put(Vm.Fields.MEMORY_DYNAMIC_MIN, t.memory());
        f.put(Vm.Fields.MEMORY_STATIC_MIN, Math.min(t.memory(), 128 * MIB));
        f.put(Vm.Fields.VCPUS_MAX, t.vcpus());
        f.put(Vm.Fields.VCPUS_AT_STARTUP, t.vcpus());
        f.put(Vm.Fields.ACTIONS_AFTER_SHUTDOWN, OnNormalExit.DESTROY);
        f.put(Vm.Fields.ACTIONS_AFTER_REBOOT, OnNormalExit.RESTART);
        f.put(Vm.Fields.ACTIONS_AFTER_CRASH, OnCrashBehaviour.RESTART);
        f.put(Vm.Fields.HVM_BOOT_POLICY, "BIOS order");
        f.put(Vm.Fields.HVM_BOOT_PARAMS, Values.mapOf("order", "cd"));
        f.put(Vm.Fields.DOMAIN_TYPE, DomainType.HVM);
        f.put(Vm.Fields.PLATFORM, Values.mapOf("acpi", "1", "apic", "true", "pae", "true", "viridian", "false",
                "nx", "true", "device-model", "qemu-upstream-compat"));
        f.put(Vm.Fields.OTHER_CONFIG, Values.mapOf("default_template", "true", "install-methods", t.installMethods(),
                "disks", "<provision><disk device=\"0\" size=\"" + t.diskSize()
                        + "\" sr=\"\" bootable=\"true\" type=\"system\"/></provision>"));
        f.put(Vm.Fields.RECOMMENDATIONS, "<restrictions><restriction field=\"memory-static-max\" max=\"" + (64 * GIB)
                + "\"/><restriction field=\"vcpus-max\" max=\"32\"/></restrictions>");
        f.put(Vm.Fields.DOMID, -1L);
        return f;
    }
}
