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
}
