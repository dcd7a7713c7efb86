package org.jxapi.xenops.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jxapi.xenops.api.Vm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole backend contract: every per-object contract, run against a fresh backend per test. A
 * backend module runs it by extending this class and returning a fresh backend from
 * {@link #createBackend()}; real backends run it where their hypervisor exists. Each test uses VM
 * ids of its own and destroys its domains.
 */
public abstract class XenopsBackendContract implements VmContract, VbdContract, VifContract, UpdatesContract {
    protected XenopsBackend backend;
    protected final List<Vm> created = new ArrayList<>();
    private final TestTask task = new TestTask("contract");

    /** A new backend instance, with no domain for the VM ids these tests make up. */
    protected abstract XenopsBackend createBackend() throws Exception;

    /** A VM the backend can start; override for backends that need a kernel or disks. */
    protected Vm vm(String id) {
        return Vm.builder(id).name("contract " + id).build();
    }

    @BeforeEach
    void setUpBackend() throws Exception {
        backend = createBackend();
    }

    @AfterEach
    void destroyDomains() {
        for (Vm vm : created) {
            try {
                backend.vm().destroy(task, vm);
            } catch (RuntimeException e) {
                // the test may have destroyed it already
            }
        }
    }

    @Override
    public XenopsBackend backend() {
        return backend;
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public Vm newVm() {
        Vm vm = vm(UUID.randomUUID().toString());
        backend.vm().add(vm);
        created.add(vm);
        return vm;
    }

    @Override
    public Vm running() {
        Vm vm = newVm();
        VmBackend vms = backend.vm();
        vms.create(task, null, vm, null, false);
        vms.build(task, vm, List.of(), List.of(), List.of(), List.of(), List.of(), false);
        vms.createDeviceModel(task, vm, List.of(), List.of(), List.of(), List.of(), false);
        vms.setDomainActionRequest(vm, null);
        vms.unpause(task, vm);
        return vm;
    }
}
