package org.jxapi.xenops.spi;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Vm;
import org.junit.jupiter.api.Test;

/** What a backend's {@link UpdatesBackend} must do: tell subscribers when a guest needs attention. */
public interface UpdatesContract extends BackendContract {
    @Test
    default void aCleanShutdownIsAcknowledgedAndSignalled() {
        Vm vm = running();
        List<DynamicId> seen = new CopyOnWriteArrayList<>();
        UpdateSink sink = seen::add;
        backend().updates().subscribe(sink);
        try {
            VmBackend vms = backend().vm();
            assertTrue(vms.requestShutdown(task(), vm, ShutdownRequest.POWEROFF, 30));
            assertTrue(vms.waitShutdown(task(), vm, ShutdownRequest.POWEROFF, 60));
            assertTrue(vms.getDomainActionRequest(vm).isPresent());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                    assertTrue(seen.contains(DynamicId.vm(vm.id())), "subscribers hear that the VM needs attention"));
        } finally {
            backend().updates().unsubscribe(sink);
        }
    }
}
