package org.jxapi.shell.support;

import java.util.Map;

/** A VM operation: selects VMs (not templates) by {@code vm=}, {@code uuid=} or field filters. */
public abstract class VmOperationSupport extends OperationCommandSupport {
    @Override
    protected String className() {
        return "VM";
    }

    @Override
    protected Map<String, String> implicitFilters() {
        return Map.of("is-a-template", "false");
    }
}
