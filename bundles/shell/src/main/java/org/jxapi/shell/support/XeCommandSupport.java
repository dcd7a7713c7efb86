package org.jxapi.shell.support;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.jxapi.api.LocalXenApi;
import org.jxapi.shell.support.completers.XeParamCompleter;
import org.jxapi.xenapi.model.XenApiException;

/**
 * The base of every xe command: {@code key=value} arguments, a XenAPI session as the shell's
 * user for the length of the command, and XenAPI errors printed as their code and parameters.
 */
public abstract class XeCommandSupport implements Action {
    @Reference
    protected LocalXenApi api;

    @Reference(optional = true)
    protected Session session;

    @Argument(index = 0, name = "parameters", multiValued = true,
            description = "Parameters as key=value, as the xe CLI takes them (uuid=..., name-label=..., params=...)")
    @Completion(XeParamCompleter.class)
    protected List<String> parameters;

    @Override
    public final Object execute() throws Exception {
        XeArgs args = XeArgs.parse(parameters);
        setFlags(args.flags());
        try (Xe xe = Xe.open(api, CurrentUser.name(), session)) {
            run(xe, args);
        } catch (XenApiException e) {
            throw XeErrors.error(XeErrors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.out.println("Interrupted.");
        }
        return null;
    }

    protected abstract void run(Xe xe, XeArgs args) throws Exception;

    /** Sets the boolean {@code @Option}s named by flags that came after the arguments. */
    private void setFlags(java.util.Set<String> flags) throws Exception {
        for (String flag : flags) {
            java.lang.reflect.Field target = null;
            for (Class<?> c = getClass(); c != null && target == null; c = c.getSuperclass()) {
                for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                    org.apache.karaf.shell.api.action.Option o = f.getAnnotation(org.apache.karaf.shell.api.action.Option.class);
                    if (o != null && f.getType() == boolean.class
                            && (o.name().equals(flag) || java.util.Arrays.asList(o.aliases()).contains(flag))) {
                        target = f;
                    }
                }
            }
            if (target == null) {
                throw XeErrors.error("Error: unknown option " + flag);
            }
            target.setAccessible(true);
            target.setBoolean(this, true);
        }
    }
}
