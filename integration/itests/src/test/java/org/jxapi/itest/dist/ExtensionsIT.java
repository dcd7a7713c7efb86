package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Types;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XenAPI extensions and plugins on the assembled distribution: the sample extension bundle
 * hot-deployed into deploy/ answers the unmodified Java SDK's Host.callExtension and stops
 * answering (with the original's error) when its jar is removed, without a restart; executables
 * under the hook root's extensions/ and plugins/ answer as in the original.
 */
class ExtensionsIT {
    private static RunningDistribution dist;

    @BeforeAll
    static void start() throws Exception {
        dist = RunningDistribution.get();
    }

    private static Connection connect() throws Exception {
        Connection c = new Connection(new URL(dist.url()));
        Session.loginWithPassword(c, "root", RunningDistribution.ROOT_PASSWORD, "1.0", "extensions-it");
        return c;
    }

    private static String helloCall(Connection c, String name) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sample.hello\",\"params\":[\""
                + c.getSessionReference() + "\",\"" + name + "\"]}";
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void eventually(String what, Check check) {
        try {
            Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(check::ok);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + " did not happen within 30 s\n" + dist.tail(), e);
        }
    }

    @Test
    void theSampleExtensionAnswersWhileItsJarIsDeployedAndNotAfter() throws Exception {
        Connection c = connect();
        Host host = Host.getAll(c).iterator().next();
        long bootedAt = Files.getLastModifiedTime(dist.home.resolve("data/log/karaf.log")).toMillis();
        assertFalse(host.hasExtension(c, "sample.hello"), "the sample is not there before the copy");

        Path jar = dist.home.resolve("deploy/hello-extension.jar");
        Files.copy(Path.of(System.getProperty("jxapi.sample.hello")), jar, StandardCopyOption.REPLACE_EXISTING);
        eventually("the extension's arrival", () -> host.hasExtension(c, "sample.hello"));
        assertEquals("Hello, Ada", host.callExtension(c, helloCall(c, "Ada")));
        // Undeclared names fall back to the extensions, as in the original.
        XenApiClient raw = new XenApiClient(dist.url());
        String s = raw.login();
        assertEquals("Hello, Grace", raw.call("sample.hello", s, "Grace"));
        dist.client("jxapi:account-add --password ext-ro-pw ext-ro read-only");
        String ro = raw.login("ext-ro", "ext-ro-pw");
        assertEquals(List.of("RBAC_PERMISSION_DENIED", "sample.hello", "No permission in user session"),
                raw.error("sample.hello", ro, "Grace"));

        Files.delete(jar);
        eventually("the extension's departure", () -> !host.hasExtension(c, "sample.hello"));
        Types.MessageMethodUnknown gone = assertThrows(Types.MessageMethodUnknown.class,
                () -> host.callExtension(c, helloCall(c, "Ada")));
        assertEquals("sample.hello", gone.method);
        assertEquals(List.of("MESSAGE_METHOD_UNKNOWN", "sample.hello"), raw.error("sample.hello", s, "Grace"));
        assertTrue(dist.isAlive(), "the toolstack kept running");
        assertTrue(Files.getLastModifiedTime(dist.home.resolve("data/log/karaf.log")).toMillis() >= bootedAt);
        Session.logout(c);
    }

    @Test
    void executablesUnderTheHookRootAnswerAsTheOriginalsDo() throws Exception {
        Path root = dist.home.resolve("etc/xapi.d");
        Path ext = Files.createDirectories(root.resolve("extensions")).resolve("itest.echo");
        Files.writeString(ext, "#!/bin/sh\n# the XML-RPC call arrives on stdin; answer with a XenAPI envelope\n"
                + "n=$(cat | grep -c '<param>')\n"
                + "printf '<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Success</value></member>"
                + "<member><name>Value</name><value>%s params via %s</value></member>"
                + "</struct></value></param></params></methodResponse>' \"$n\" \"$1\"\n");
        Files.setPosixFilePermissions(ext, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path plugin = Files.createDirectories(root.resolve("plugins")).resolve("itest-plugin");
        Files.writeString(plugin, "#!/bin/sh\ncase \"$1\" in *'<methodName>fail</methodName>'*) echo broken >&2; exit 4;; esac\n"
                + "printf '<?xml version=\"1.0\"?><methodResponse><params><param><value>plugin ran</value>"
                + "</param></params></methodResponse>'\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));

        Connection c = connect();
        Host host = Host.getAll(c).iterator().next();
        assertTrue(host.hasExtension(c, "itest.echo"));
        assertEquals("1 params via --xmlrpc", host.callExtension(c,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"itest.echo\",\"params\":[\"x\"]}"));
        assertEquals("plugin ran", host.callPlugin(c, "itest-plugin", "main", Map.of("k", "v")));
        Types.XenapiPluginFailure failed = assertThrows(Types.XenapiPluginFailure.class,
                () -> host.callPlugin(c, "itest-plugin", "fail", Map.of()));
        assertEquals("non-zero exit", failed.status);
        assertEquals("broken\n", failed.stderr);
        Types.XenapiMissingPlugin missing = assertThrows(Types.XenapiMissingPlugin.class,
                () -> host.callPlugin(c, "no-such-plugin", "main", Map.of()));
        assertEquals("no-such-plugin", missing.name);
        Session.logout(c);
    }
}
