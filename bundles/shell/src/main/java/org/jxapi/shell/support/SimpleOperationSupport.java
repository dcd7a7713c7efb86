package org.jxapi.shell.support;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

/**
 * An operation that is one XenAPI message on the selected object ({@code VBD.plug},
 * {@code SR.scan}, ...), run as a task with progress; the subclass names the class and message.
 */
public abstract class SimpleOperationSupport extends OperationCommandSupport {
    /** The message's name within the class, e.g. {@code plug}. */
    protected abstract String message();

    @Override
    protected void apply(Xe xe, Ref<?> ref, XenApiRecord record) throws Exception {
        xe.task(className() + "." + message(), ref);
    }
}
