package org.jxapi.sample.frozen;

import org.jxapi.api.LocalXenApi;
import org.jxapi.xenops.hooks.HookInvocation;
import org.jxapi.xenops.hooks.HookRefusal;
import org.jxapi.xenops.hooks.LifecycleHook;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Refuses to start or resume a VM tagged {@code frozen}: the client gets {@code XAPI_HOOK_FAILED}
 * naming this hook, with the reason as its message; once the tag is removed the VM starts.
 * Named {@code 50-frozen-guard}, it runs between hook scripts {@code 10-...} and {@code 90-...}.
 */
@Component(configurationPid = "org.jxapi.sample.frozen", property = {
        LifecycleHook.POINTS + "=vm-pre-start", LifecycleHook.POINTS + "=vm-pre-resume",
        LifecycleHook.NAME + "=50-frozen-guard"})
@Designate(ocd = FrozenConfig.class)
public class FrozenGuard implements LifecycleHook {
    private final VmTags tags;
    private final String tag;

    @Activate
    public FrozenGuard(@Reference LocalXenApi api, FrozenConfig config) {
        this.tags = new VmTags(api);
        this.tag = config.tag();
    }

    @Override
    public void run(HookInvocation invocation) throws HookRefusal {
        if (tags.of(invocation.vmUuid()).contains(tag)) {
            throw new HookRefusal("VM " + invocation.vmUuid() + " is tagged '" + tag + "' and may not "
                    + (invocation.point().equals("vm-pre-resume") ? "resume" : "start") + "; remove the tag first");
        }
    }

    @Deactivate
    void deactivate() {
        tags.close();
    }
}
