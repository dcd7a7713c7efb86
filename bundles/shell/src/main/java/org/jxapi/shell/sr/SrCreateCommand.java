package org.jxapi.shell.sr;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.Sizes;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.xenapi.model.Ref;

@Service
@Command(scope = "xe", name = "sr-create", description = "Create an SR and plug it: name-label=<name> type=<file|iso|...> device-config:<k>=<v> ... [content-type=user] [shared=false] [physical-size=0] [sm-config:<k>=<v>] [host-uuid=<host>]; prints the SR's uuid")
public class SrCreateCommand extends XeCommandSupport {
    @Override
    @SuppressWarnings("unchecked")
    protected void run(Xe xe, XeArgs args) throws Exception {
        String name = args.require("name-label");
        String type = args.require("type");
        String description = args.take("name-description").orElse("");
        String content = args.take("content-type").orElse("user");
        boolean shared = Boolean.parseBoolean(args.take("shared").orElse("false"));
        long size = Sizes.parse(args.take("physical-size").orElse("0"), "physical-size");
        Map<String, String> deviceConfig = args.takePrefixed("device-config");
        Map<String, String> smConfig = args.takePrefixed("sm-config");
        String hostArg = args.take("host-uuid").orElse(null);
        args.requireEmpty();
        Ref<?> host = hostArg != null ? Selection.one(xe, "host", hostArg)
                : ((java.util.Set<Ref<?>>) xe.call("host.get_all")).iterator().next();
        Ref<?> sr = (Ref<?>) xe.task("SR.create", host, deviceConfig, size, name, description, type, content, shared, smConfig);
        System.out.println(xe.uuidOf("SR", sr).orElse(sr.handle()));
    }
}
