package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Python's own xmlrpc.client: create and watch, and a Failure envelope, against the distribution. */
class PythonXmlRpcIT {

    @Test
    void pythonsXmlRpcClientCreatesWatchesAndReadsAFailure() throws Exception {
        RunningDistribution dist = RunningDistribution.get();
        Path script = Files.createTempFile(Path.of(System.getProperty("jxapi.buildDir", "target")), "python_watch", ".py");
        try (InputStream in = PythonXmlRpcIT.class.getResourceAsStream("/clients/python_watch.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (ClientProcess py = new ClientProcess(new ProcessBuilder("/usr/bin/python3", script.toString(),
                dist.url(), RunningDistribution.ROOT_PASSWORD))) {
            Map<?, ?> failure = py.await("failure", 30_000);
            assertEquals("Failure", failure.get("status"));
            assertEquals(List.of("SESSION_AUTHENTICATION_FAILED"), failure.get("description"));
            Map<?, ?> created = py.await("created", 30_000);
            assertEquals("made-by-python", created.get("name"));
            // Ints travel as decimal strings in XML-RPC.
            assertEquals("268435456", created.get("memory"));
            String vm = (String) py.await("ready", 30_000).get("ref");

            XenApiClient other = new XenApiClient(dist.url());
            other.call("VM.set_name_label", other.login(), vm, "renamed-by-java");
            Map<?, ?> seen = py.await("seen", 30_000);
            assertEquals("renamed-by-java", seen.get("name"));
            assertEquals("vm", seen.get("cls"));
            assertEquals(0, py.waitFor(30), py.transcript());
        }
    }
}
