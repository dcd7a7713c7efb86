package org.jxapi.shell.support;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Option;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

/**
 * A command that acts on the objects it selects ({@code vm-start vm=web01}, {@code vm-shutdown
 * power-state=running --multiple}): the subclass takes its own parameters first, then each
 * selected object gets the operation.
 */
public abstract class OperationCommandSupport extends XeCommandSupport {
    @Option(name = "--multiple", description = "Act on every object the filters match")
    protected boolean multiple;

    protected abstract String className();

    /** Takes the command's own parameters (new-name-label=, host=, ...) before the rest selects. */
    protected void prepare(Xe xe, XeArgs args) throws Exception {
    }

    protected Map<String, String> implicitFilters() {
        return Map.of();
    }

    protected abstract void apply(Xe xe, Ref<?> ref, XenApiRecord record) throws Exception;

    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        prepare(xe, args);
        List<Map.Entry<Ref<?>, XenApiRecord>> targets = Selection.select(xe, className(), args, implicitFilters(), multiple);
        for (Map.Entry<Ref<?>, XenApiRecord> t : targets) {
            apply(xe, t.getKey(), t.getValue());
        }
    }
}
