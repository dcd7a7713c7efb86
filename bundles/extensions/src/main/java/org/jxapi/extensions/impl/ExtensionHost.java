package org.jxapi.extensions.impl;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.jxapi.api.Call;
import org.jxapi.api.CallContexts;
import org.jxapi.api.spi.MethodFallback;
import org.jxapi.extensions.HostPlugin;
import org.jxapi.extensions.XenApiExtension;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.api.HostApi;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.wire.JsonWire;
import org.jxapi.xenapi.wire.RawCall;
import org.jxapi.xenapi.wire.WireFormatException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code host.call_extension}, {@code host.has_extension}, {@code host.call_plugin} and calls of undeclared names. Each name is looked up first among the
 * extension or plugin services bundles registered, then among the executables in
 * {@code <hook root>/extensions/} or {@code <hook root>/plugins/}, which run as the original runs them.
 */
@Component(service = {HostApi.class, MethodFallback.class}, configurationPid = "org.jxapi.extensions", immediate = true)
@Designate(ocd = ExtensionsConfig.class)
public class ExtensionHost implements HostApi, MethodFallback {
    private final CallContexts calls;
    private final Executables extensionFiles;
    private final Executables pluginFiles;
    private final Named<XenApiExtension> extensions = new Named<>(XenApiExtension.NAME);
    private final Named<HostPlugin> plugins = new Named<>(HostPlugin.NAME);

    @Activate
    public ExtensionHost(@Reference CallContexts calls, ExtensionsConfig config) {
        this.calls = calls;
        Path root = hooksRoot(config.hooks_root());
        Duration timeout = Duration.ofSeconds(Math.max(1, config.timeout_seconds()));
        this.extensionFiles = new Executables(root.resolve("extensions"), timeout);
        this.pluginFiles = new Executables(root.resolve("plugins"), timeout);
    }

    static Path hooksRoot(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String etc = System.getProperty("karaf.etc");
        return etc != null ? Path.of(etc, "xapi.d") : Path.of("/etc/xapi.d");
    }

    @Reference(service = XenApiExtension.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeExtension")
    void addExtension(XenApiExtension e, Map<String, Object> properties) {
        extensions.add(e, properties);
    }

    void removeExtension(XenApiExtension e) {
        extensions.remove(e);
    }

    @Reference(service = HostPlugin.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removePlugin")
    void addPlugin(HostPlugin p, Map<String, Object> properties) {
        plugins.add(p, properties);
    }

    void removePlugin(HostPlugin p) {
        plugins.remove(p);
    }

    // ---- extensions ----

    @Override
    public String callExtension(Ref<Session> sessionId, Ref<Host> host, String call) {
        RawCall rpc;
        try {
            rpc = JsonWire.parseCall(new ByteArrayInputStream(call.getBytes(StandardCharsets.UTF_8)));
        } catch (WireFormatException e) {
            throw ErrorCodes.EXTENSION_PROTOCOL_FAILURE.error("the call is not a JSON-RPC request: " + e.getMessage());
        }
        Object result = invoke(rpc).orElseThrow(() -> ErrorCodes.MESSAGE_METHOD_UNKNOWN.error(rpc.method()));
        return result instanceof String s ? s : RawJson.of(result);
    }

    @Override
    public boolean hasExtension(Ref<Session> sessionId, Ref<Host> host, String name) {
        return extensions.get(name) != null || extensionFiles.find(name).isPresent();
    }

    /** An undeclared call: the dispatcher checked the session and the pool-admin role. */
    @Override
    public Optional<Object> call(Call call, String method, List<Object> params) {
        return invoke(new RawCall(method, params, null, null));
    }

    private Optional<Object> invoke(RawCall rpc) {
        XenApiExtension service = extensions.get(rpc.method());
        if (service != null) {
            return Optional.ofNullable(service.call(calls.current(), rpc.params()));
        }
        Optional<Path> program = extensionFiles.find(rpc.method());
        if (program.isEmpty()) {
            return Optional.empty();
        }
        ExtensionProtocol.Answer a = ExtensionProtocol.callExtension(extensionFiles, program.get(), rpc, cancelled());
        if (a instanceof ExtensionProtocol.Answer.Failure f) {
            throw ExtensionProtocol.failure(f.contents());
        }
        return Optional.ofNullable(((ExtensionProtocol.Answer.Value) a).raw());
    }

    // ---- plugins ----

    @Override
    public String callPlugin(Ref<Session> sessionId, Ref<Host> host, String plugin, String fn, Map<String, String> args) {
        HostPlugin service = plugins.get(plugin);
        if (service != null) {
            try {
                return service.call(calls.current(), fn, args);
            } catch (XenApiException e) {
                throw e;
            } catch (RuntimeException e) {
                throw ErrorCodes.XENAPI_PLUGIN_FAILURE.error("exception", String.valueOf(e.getMessage()), e.toString());
            }
        }
        Path program = pluginFiles.find(plugin).orElseThrow(() -> ErrorCodes.XENAPI_MISSING_PLUGIN.error(plugin));
        return ExtensionProtocol.callPlugin(pluginFiles, program, fn, sessionId.handle(), args, cancelled());
    }

    private BooleanSupplier cancelled() {
        Call c = calls.current();
        return c == null ? () -> false : c::isCancelled;
    }
}
