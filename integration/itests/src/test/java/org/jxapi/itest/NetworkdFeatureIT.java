package org.jxapi.itest;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * jxapi-networkd installs without a backend, and with jxapi-networkd-simulator the shipped default
 * instance (etc/org.jxapi.networkd-default.cfg) registers Networkd as networkd.instance=default and
 * answers JSON-RPC on its Unix socket. The simulator touches nothing on the machine.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NetworkdFeatureIT extends JxapiTestSupport {
    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return baseConfiguration();
    }

    @Test
    public void theDefaultInstanceServesItsSocketOverTheSimulator() throws Exception {
        features.installFeature("jxapi-networkd", EnumSet.noneOf(FeaturesService.Option.class));
        assertTrue(features.isInstalled(features.getFeature("jxapi-networkd")));
        features.installFeature("jxapi-networkd-simulator", EnumSet.noneOf(FeaturesService.Option.class));
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(bundleContext, bundleContext.createFilter(
                "(&(objectClass=org.jxapi.networkd.api.Networkd)(networkd.instance=default))"), null);
        tracker.open();
        try {
            assertNotNull("no Networkd with networkd.instance=default", tracker.waitForService(30_000));
            ServiceReference<Object> ref = tracker.getServiceReference();
            Path socket = Path.of((String) ref.getProperty("networkd.socket"));
            assertTrue("no socket at " + socket, Files.exists(socket));
            String response = call(socket, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"Bridge.get_kind\","
                    + " \"params\": [\"itest\"]}");
            assertTrue(response, response.contains("\"result\":[\"Openvswitch\"]"));
            response = call(socket, "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"Interface.get_all\","
                    + " \"params\": [\"itest\"]}");
            assertTrue(response, response.contains("\"sim0\"") && response.contains("\"sim1\""));
            response = call(socket, "{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"Bridge.create\", \"params\":"
                    + " [\"itest\", null, null, null, [[\"k\", \"v\"]], \"xenbr9\"]}");
            assertTrue(response, response.contains("\"result\":null"));
            Path db = Path.of((String) ref.getProperty("networkd.db"));
            assertTrue("the change is not in " + db, Files.readString(db).contains("xenbr9"));
        } finally {
            tracker.close();
        }
    }

    /**
     * The answer to an (idempotent) call. fileinstall re-delivers the feature's configuration just
     * after the install, which restarts the instance once: a call that meets the restart is made again.
     */
    private static String call(Path socket, String json) throws InterruptedException {
        String[] answered = {""};
        assertTrue("no answer to " + json, eventually(30_000, () -> {
            try {
                answered[0] = post(socket, json);
                return answered[0].contains("\"id\"");
            } catch (IOException e) {
                return false;
            }
        }));
        return answered[0];
    }

    /** One HTTP/1.1 POST / over the Unix socket with the JDK alone; the body of the answer. */
    private static String post(Path socket, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            ch.write(ByteBuffer.wrap(body));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                buf.flip();
                out.write(buf.array(), 0, buf.limit());
                buf.clear();
            }
            String all = out.toString(StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            return end < 0 ? "" : all.substring(end + 4);
        }
    }
}
