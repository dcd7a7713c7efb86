package org.jxapi.extensions.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.api.Call;
import org.jxapi.extensions.HostPlugin;
import org.jxapi.extensions.XenApiExtension;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.osgi.util.converter.Converters;

/** Extension and plugin executables run by the original's conventions; services win over them and come and go. */
class ExtensionHostTest {
    private static final String OK = "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
            + "<member><name>Status</name><value>Success</value></member>"
            + "<member><name>Value</name><value>%s</value></member></struct></value></param></params></methodResponse>";
    private static final String FAILURE = "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
            + "<member><name>Status</name><value>Failure</value></member><member><name>ErrorDescription</name>"
            + "<value><array><data><value>%s</value><value>%s</value></data></array></value></member>"
            + "</struct></value></param></params></methodResponse>";

    @TempDir
    Path root;
    private ExtensionHost host;

    @BeforeEach
    void start() {
        host = host(300);
    }

    private ExtensionHost host(long timeout) {
        Map<String, Object> p = new HashMap<>();
        p.put("hooks.root", root.toString());
        p.put("timeout.seconds", timeout);
        return new ExtensionHost(() -> null, Converters.standardConverter().convert(p).to(ExtensionsConfig.class));
    }

    private void script(String dir, String name, String body) throws Exception {
        Path d = Files.createDirectories(root.resolve(dir));
        Path f = d.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String call(String method, String... params) {
        StringBuilder sb = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[");
        for (int i = 0; i < params.length; i++) {
            sb.append(i > 0 ? "," : "").append('"').append(params[i]).append('"');
        }
        return sb.append("]}").toString();
    }

    @Test
    void anExtensionExecutableGetsTheCallOnStdinAndAnswersOnStdout() throws Exception {
        Path seen = root.resolve("seen");
        script("extensions", "test.ping", "echo \"$@\" > " + seen + ".args; cat > " + seen + "; printf '" + OK.formatted("pong") + "'");
        assertTrue(host.hasExtension(Ref.nullRef(), Ref.nullRef(), "test.ping"));
        assertEquals("pong", host.callExtension(Ref.nullRef(), Ref.nullRef(), call("test.ping", "OpaqueRef:s", "ball")));
        assertEquals("--xmlrpc", Files.readString(root.resolve("seen.args")).trim());
        String stdin = Files.readString(seen);
        assertTrue(stdin.contains("<methodName>test.ping</methodName>"), stdin);
        assertTrue(stdin.contains("<value>ball</value>"), stdin);
        // The same extension answers a direct, undeclared call.
        assertEquals(Optional.of("pong"), host.call(null, "test.ping", List.of("OpaqueRef:s")));
    }

    @Test
    void extensionFailuresCarryTheOriginalsCodes() throws Exception {
        script("extensions", "test.fails", "printf '" + FAILURE.formatted("VM_BAD_POWER_STATE", "x") + "'");
        script("extensions", "test.exits", "echo out; echo err >&2; exit 3");
        script("extensions", "test.garbage", "echo not xml");
        XenApiException f = assertThrows(XenApiException.class,
                () -> host.callExtension(Ref.nullRef(), Ref.nullRef(), call("test.fails")));
        assertEquals(List.of("VM_BAD_POWER_STATE", "x"), f.errorDescription());
        XenApiException exit = assertThrows(XenApiException.class,
                () -> host.callExtension(Ref.nullRef(), Ref.nullRef(), call("test.exits")));
        assertEquals(List.of("INTERNAL_ERROR", root.resolve("extensions/test.exits").toString(), "non-zero exit", "out\n",
                "err\n"), exit.errorDescription());
        XenApiException garbage = assertThrows(XenApiException.class,
                () -> host.callExtension(Ref.nullRef(), Ref.nullRef(), call("test.garbage")));
        assertEquals("failed to parse extension output", garbage.errorDescription().get(2));
        XenApiException missing = assertThrows(XenApiException.class,
                () -> host.callExtension(Ref.nullRef(), Ref.nullRef(), call("test.none")));
        assertEquals(List.of("MESSAGE_METHOD_UNKNOWN", "test.none"), missing.errorDescription());
        XenApiException outside = assertThrows(XenApiException.class,
                () -> host.callExtension(Ref.nullRef(), Ref.nullRef(), call("../plugins/x")));
        assertEquals("MESSAGE_METHOD_UNKNOWN", outside.code());
        assertFalse(host.hasExtension(Ref.nullRef(), Ref.nullRef(), "test.none"));
        XenApiException notJson = assertThrows(XenApiException.class,
                () -> host.callExtension(Ref.nullRef(), Ref.nullRef(), "<xml/>"));
        assertEquals("EXTENSION_PROTOCOL_FAILURE", notJson.code());
    }

    @Test
    void aServiceWinsOverAnExecutableUntilItGoes() throws Exception {
        script("extensions", "test.ping", "cat > /dev/null; printf '" + OK.formatted("from the script") + "'");
        XenApiExtension service = (call, params) -> "from the service, " + params.size() + " params";
        host.addExtension(service, Map.of(XenApiExtension.NAME, "test.ping", "service.id", 5L));
        assertEquals("from the service, 1 params",
                host.callExtension(Ref.nullRef(), Ref.nullRef(), call("test.ping", "a")));
        host.removeExtension(service);
        assertEquals("from the script", host.callExtension(Ref.nullRef(), Ref.nullRef(), call("test.ping", "a")));
        XenApiExtension structured = (call, params) -> Map.of("answer", 42L);
        host.addExtension(structured, Map.of(XenApiExtension.NAME, "test.struct", "service.id", 6L));
        assertEquals("{\"answer\":42}", host.callExtension(Ref.nullRef(), Ref.nullRef(), call("test.struct")));
        assertEquals(Optional.of(Map.of("answer", 42L)), host.call(null, "test.struct", List.of()));
        assertEquals(Optional.empty(), host.call(null, "test.none", List.of()));
    }

    @Test
    void pluginsGetTheCallAsTheirArgumentAndAnswerAString() throws Exception {
        Path seen = root.resolve("plugin-arg");
        script("plugins", "echo", "printf '%s' \"$1\" > " + seen + "; printf '<?xml version=\"1.0\"?><methodResponse>"
                + "<params><param><value><string>done</string></value></param></params></methodResponse>'");
        assertEquals("done", host.callPlugin(Ref.of("OpaqueRef:sess"), Ref.nullRef(), "echo", "main", Map.of("k", "v")));
        String arg = Files.readString(seen);
        assertTrue(arg.contains("<methodName>main</methodName>"), arg);
        assertTrue(arg.contains("OpaqueRef:sess") && arg.contains("<name>k</name>"), arg);

        script("plugins", "faults", "printf '<?xml version=\"1.0\"?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>7</int></value></member>"
                + "<member><name>faultString</name><value>broken</value></member></struct></value></fault></methodResponse>'");
        XenApiException fault = assertThrows(XenApiException.class,
                () -> host.callPlugin(Ref.nullRef(), Ref.nullRef(), "faults", "f", Map.of()));
        assertEquals(List.of("XENAPI_PLUGIN_FAILURE", "fault", "7", "broken"), fault.errorDescription());
        script("plugins", "xenapi-failure", "printf '" + FAILURE.formatted("SR_BACKEND_FAILURE_1", "why") + "'");
        assertEquals(List.of("SR_BACKEND_FAILURE_1", "why"), assertThrows(XenApiException.class,
                () -> host.callPlugin(Ref.nullRef(), Ref.nullRef(), "xenapi-failure", "f", Map.of())).errorDescription());
        script("plugins", "exits", "echo partial; exit 2");
        assertEquals(List.of("XENAPI_PLUGIN_FAILURE", "non-zero exit", "partial\n", ""), assertThrows(XenApiException.class,
                () -> host.callPlugin(Ref.nullRef(), Ref.nullRef(), "exits", "f", Map.of())).errorDescription());
        assertEquals(List.of("XENAPI_MISSING_PLUGIN", "nowhere"), assertThrows(XenApiException.class,
                () -> host.callPlugin(Ref.nullRef(), Ref.nullRef(), "nowhere", "f", Map.of())).errorDescription());

        HostPlugin service = (call, fn, args) -> fn + ":" + args.get("k");
        host.addPlugin(service, Map.of(HostPlugin.NAME, "exits", "service.id", 1L));
        assertEquals("main:v", host.callPlugin(Ref.nullRef(), Ref.nullRef(), "exits", "main", Map.of("k", "v")));
        HostPlugin broken = (call, fn, args) -> {
            throw new IllegalStateException("bug");
        };
        host.addPlugin(broken, Map.of(HostPlugin.NAME, "broken", "service.id", 2L));
        assertEquals(List.of("XENAPI_PLUGIN_FAILURE", "exception", "bug", "java.lang.IllegalStateException: bug"),
                assertThrows(XenApiException.class,
                        () -> host.callPlugin(Ref.nullRef(), Ref.nullRef(), "broken", "f", Map.of())).errorDescription());
    }

    @Test
    void aHungExecutableIsKilledAtTheTimeout() throws Exception {
        ExtensionHost quick = host(1);
        script("extensions", "test.hangs", "sleep 60");
        long t0 = System.nanoTime();
        XenApiException e = assertThrows(XenApiException.class,
                () -> quick.callExtension(Ref.nullRef(), Ref.nullRef(), call("test.hangs")));
        assertEquals("timed out", e.errorDescription().get(2));
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "killed, not waited for");
    }

    @Test
    void aCancelledCallKillsItsPlugin() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        Call call = (Call) java.lang.reflect.Proxy.newProxyInstance(Call.class.getClassLoader(), new Class<?>[] {Call.class},
                (proxy, m, args) -> m.getName().equals("isCancelled") ? cancel.get() : null);
        Map<String, Object> p = new HashMap<>();
        p.put("hooks.root", root.toString());
        p.put("timeout.seconds", 300);
        ExtensionHost cancellable = new ExtensionHost(() -> call,
                Converters.standardConverter().convert(p).to(ExtensionsConfig.class));
        Path pid = root.resolve("plugin.pid");
        script("plugins", "waits", "echo $$ > " + pid + ".part; mv " + pid + ".part " + pid + "; exec sleep 60");
        Thread canceller = new Thread(() -> {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pid));
            cancel.set(true);
        });
        canceller.start();
        XenApiException e = assertThrows(XenApiException.class,
                () -> cancellable.callPlugin(Ref.nullRef(), Ref.nullRef(), "waits", "f", Map.of()));
        canceller.join(30_000);
        assertEquals(List.of("XENAPI_PLUGIN_FAILURE", "task stopped"), e.errorDescription().subList(0, 2));
        long plugin = Long.parseLong(Files.readString(pid).strip());
        assertFalse(ProcessHandle.of(plugin).map(ProcessHandle::isAlive).orElse(false), "the plugin was killed");
    }
}
