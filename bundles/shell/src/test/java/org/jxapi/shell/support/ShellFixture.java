package org.jxapi.shell.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.jxapi.api.impl.XenApiCore;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.jxapi.shell.jaas.JxapiPrincipal;
import org.osgi.util.converter.Converters;

/**
 * The real XenAPI core over an in-memory database, and a way to run xe commands as plain
 * objects, as a given jxapi user (a JAAS subject like the SSH realm makes), capturing what they print.
 */
final class ShellFixture implements AutoCloseable {
    final DatabaseImpl db;
    final XenApiCore core;

    ShellFixture(Path dir) throws Exception {
        db = DatabaseImpl.open(DbOptions.inMemory());
        Map<String, Object> p = new HashMap<>();
        p.put("root.password", "root-pw");
        p.put("data.dir", dir.toString());
        // The core's configuration type is private to the api bundle: build it the way DS would.
        Class<?> configType = Class.forName("org.jxapi.api.impl.XenApiCoreConfig");
        Object config = Converters.standardConverter().convert(p).to(configType);
        core = XenApiCore.class.getConstructor(org.jxapi.db.Database.class, configType).newInstance(db, config);
    }

    /** Runs {@code command} with these parameters as {@code user}; returns what it printed. */
    String run(XeCommandSupport command, String user, String... params) throws Exception {
        command.api = core;
        command.parameters = List.of(params);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Subject.doAs(subject(user), (PrivilegedExceptionAction<Object>) command::execute);
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    Subject subject(String user) {
        Subject s = new Subject();
        String role = core.list().stream().filter(a -> a.name().equals(user)).findFirst().orElseThrow().role();
        s.getPrincipals().add(new UserPrincipal(user));
        s.getPrincipals().add(new JxapiPrincipal(user, role));
        s.getPrincipals().add(new RolePrincipal("ssh"));
        return s;
    }

    <T> T as(String user, PrivilegedExceptionAction<T> work) throws Exception {
        try {
            return Subject.doAs(subject(user), work);
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        }
    }

    @Override
    public void close() throws Exception {
        java.lang.reflect.Method d = XenApiCore.class.getDeclaredMethod("deactivate");
        d.setAccessible(true);
        d.invoke(core);
        db.close();
    }
}
