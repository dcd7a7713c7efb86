package org.jxapi.shell.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.shell.pool.EventWatchCommand;
import org.jxapi.shell.support.completers.XeParamCompleter;
import org.jxapi.shell.vm.VmListCommand;
import org.jxapi.shell.vm.VmParamGetCommand;
import org.jxapi.shell.vm.VmParamListCommand;
import org.jxapi.shell.vm.VmParamSetCommand;
import org.jxapi.shell.vm.VmStartCommand;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;

/** xe commands as plain objects over the real XenAPI core: tables, filters, settings, roles, errors, completion, events. */
class ShellCommandsTest {
    @TempDir
    Path dir;
    private ShellFixture f;
    private String web;
    private String db;

    @BeforeEach
    void start() throws Exception {
        f = new ShellFixture(dir);
        f.core.create("viewer", "viewer-pw", "read-only");
        Ref<Session> s = f.core.login("root", "test");
        web = uuid(f.core.call("VM.create", s, Map.of("name_label", "web01", "memory_static_max", 1L << 30)), s);
        db = uuid(f.core.call("VM.create", s, Map.of("name_label", "db01", "power_state", "Halted")), s);
        f.core.call("VM.create", s, Map.of("name_label", "a template", "is_a_template", true));
        f.core.logout(s);
    }

    private String uuid(Object ref, Ref<Session> s) {
        return (String) f.core.call("VM.get_uuid", s, ref);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void vmListPrintsATableOfVmsButNotTemplates() throws Exception {
        String out = f.run(new VmListCommand(), "root");
        assertTrue(out.contains("uuid") && out.contains("name-label") && out.contains("power-state"), out);
        assertTrue(out.contains(web) && out.contains("web01") && out.contains("db01") && out.contains("Halted"), out);
        assertFalse(out.contains("a template"), out);
        assertTrue(out.indexOf("db01") < out.indexOf("web01"), "sorted by name: " + out);
        assertEquals(2, f.run(new VmListCommand(), "viewer", "power-state=halted").split("\n").length - 2,
                "filters compare as xe does, ignoring case");
        String cols = f.run(new VmListCommand(), "viewer", "params=name-label,memory-static-max", "name-label=web01");
        assertTrue(cols.contains("memory-static-max") && cols.contains("1073741824") && !cols.contains(web), cols);
        CommandException unknown = assertThrows(CommandException.class,
                () -> f.run(new VmListCommand(), "root", "no-such-field=1"));
        assertTrue(unknown.getNiceHelp().contains("no-such-field"), unknown.getNiceHelp());
    }

    private String minimal(String... filters) throws Exception {
        VmListCommand c = new VmListCommand();
        c.minimal = true;
        return f.run(c, "viewer", filters);
    }

    @Test
    void minimalPrintsCommaSeparatedUuids() throws Exception {
        assertEquals(web + "\n", minimal("name-label=web01"));
        // xe takes flags anywhere, also after the key=value arguments, and quoted values.
        assertEquals(web + "\n", f.run(new VmListCommand(), "viewer", "name-label=\"web01\"", "--minimal"));
        CommandException unknown = assertThrows(CommandException.class,
                () -> f.run(new VmListCommand(), "viewer", "--no-such-flag"));
        assertTrue(unknown.getNiceHelp().contains("unknown option --no-such-flag"), unknown.getNiceHelp());
        String both = minimal().trim();
        assertEquals(2, both.split(",").length, both);
    }

    @Test
    void paramsAreReadAndSetAsXeSpellsThem() throws Exception {
        f.run(new VmParamSetCommand(), "root", "uuid=" + web, "name-description=front end", "other-config:owner=ops",
                "user-version=4");
        assertEquals("front end\n", f.run(new VmParamGetCommand(), "viewer", "uuid=" + web, "param-name=name-description"));
        assertEquals("ops\n", f.run(new VmParamGetCommand(), "viewer", "uuid=" + web, "param-name=other-config",
                "param-key=owner"));
        String list = f.run(new VmParamListCommand(), "viewer", "vm=web01");
        assertTrue(list.contains("user-version") && list.contains("4") && list.contains("MRW") && list.contains("RO"), list);
        CommandException ro = assertThrows(CommandException.class,
                () -> f.run(new VmParamSetCommand(), "root", "uuid=" + web, "power-state=running"));
        assertTrue(ro.getNiceHelp().contains("read-only"), ro.getNiceHelp());
        CommandException badInt = assertThrows(CommandException.class,
                () -> f.run(new VmParamSetCommand(), "root", "uuid=" + web, "user-version=many"));
        assertTrue(badInt.getNiceHelp().contains("not an integer"), badInt.getNiceHelp());
    }

    @Test
    void aReadOnlyUserIsRefusedWithTheXenApiError() throws Exception {
        CommandException set = assertThrows(CommandException.class,
                () -> f.run(new VmParamSetCommand(), "viewer", "uuid=" + web, "name-label=x"));
        assertTrue(set.getNiceHelp().startsWith("Error code: RBAC_PERMISSION_DENIED"), set.getNiceHelp());
        CommandException start = assertThrows(CommandException.class,
                () -> f.run(new VmStartCommand(), "viewer", "vm=web01"));
        assertEquals("Error code: RBAC_PERMISSION_DENIED\nError parameters: permission: vm.start, message: No permission in user session",
                start.getNiceHelp());
    }

    @Test
    void selectionsNeedAMatchAndMultipleForMany() throws Exception {
        CommandException none = assertThrows(CommandException.class, () -> f.run(new VmStartCommand(), "root", "vm=nope"));
        assertTrue(none.getNiceHelp().contains("no matching VM"), none.getNiceHelp());
        CommandException many = assertThrows(CommandException.class,
                () -> f.run(new VmStartCommand(), "root", "power-state=halted"));
        assertTrue(many.getNiceHelp().contains("--multiple"), many.getNiceHelp());
        CommandException bad = assertThrows(CommandException.class, () -> f.run(new VmStartCommand(), "root", "justaword"));
        assertTrue(bad.getNiceHelp().contains("key=value"), bad.getNiceHelp());
    }

    @Test
    void completionOffersVmNamesUuidsAndParameterNames() throws Exception {
        XeParamCompleter completer = new XeParamCompleter(f.core);
        List<String> values = f.as("viewer", () -> complete(completer, "xe:vm-start", "vm="));
        assertTrue(values.containsAll(List.of("vm=web01", "vm=db01", "vm=" + web)), values.toString());
        assertFalse(values.contains("vm=\"a template\""), values.toString());
        List<String> templates = f.as("viewer", () -> complete(completer, "xe:vm-install", "template="));
        assertTrue(templates.contains("template=\"a template\""), templates.toString());
        List<String> keys = f.as("viewer", () -> complete(completer, "xe:vm-list", "na"));
        assertTrue(keys.contains("name-label=") && keys.contains("params="), keys.toString());
        List<String> states = f.as("viewer", () -> complete(completer, "vm-list", "power-state="));
        assertTrue(states.contains("power-state=Running"), states.toString());
    }

    private static List<String> complete(XeParamCompleter c, String command, String word) {
        CommandLine line = new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return 1;
            }

            @Override
            public String getCursorArgument() {
                return word;
            }

            @Override
            public int getArgumentPosition() {
                return word.length();
            }

            @Override
            public String[] getArguments() {
                return new String[] {command, word};
            }

            @Override
            public int getBufferPosition() {
                return command.length() + 1 + word.length();
            }

            @Override
            public String getBuffer() {
                return command + " " + word;
            }
        };
        List<Candidate> found = new ArrayList<>();
        c.completeCandidates(null, line, found);
        return found.stream().map(Candidate::value).toList();
    }

    @Test
    void eventWatchPrintsAChangeAsItHappens() throws Exception {
        CompletableFuture<String> watching = CompletableFuture.supplyAsync(() -> {
            try {
                return f.run(new EventWatchCommand(), "viewer", "class=vm", "timeout=3");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        // The watch has its token once its long poll is parked in the server.
        await().atMost(Duration.ofSeconds(10)).until(() -> f.core.parkedEventWaiters() >= 1);
        Ref<Session> s = f.core.login("root", "test");
        f.core.call("VM.set_name_label", s, f.core.call("VM.get_by_uuid", s, web), "web01-renamed");
        String out = watching.get();
        assertTrue(out.contains(" vm mod " + web + " name-label=web01-renamed power-state=Halted"), out);
    }
}
