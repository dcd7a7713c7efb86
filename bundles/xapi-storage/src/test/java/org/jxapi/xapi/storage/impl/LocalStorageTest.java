package org.jxapi.xapi.storage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxapi.api.LocalXenApi;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.jxapi.storage.mux.impl.StorageMux;
import org.jxapi.storage.spi.MemorySrDriver;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Session;
import org.osgi.util.converter.Converters;

/** The local SR is made once the multiplexer serves its type and the host exists; nothing polls for either. */
class LocalStorageTest {
    private DatabaseImpl db;
    private final StorageMux mux = new StorageMux();
    private final ScheduledExecutorService work = Executors.newSingleThreadScheduledExecutor();
    private final Set<Ref<?>> hosts = new CopyOnWriteArraySet<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private LocalStorage local;
    /** SR.create answers NOT_IMPLEMENTED while false: its bundle not yet bound into the API server. */
    private volatile boolean srMessagesServed = true;

    /** The XenAPI as LocalStorage uses it: what it asks, and an empty pool with the hosts given. */
    private final LocalXenApi api = new LocalXenApi() {
        @Override
        public Ref<Session> login(String userName, String originator) {
            return Ref.fresh();
        }

        @Override
        public void logout(Ref<Session> session) {
        }

        @Override
        public Object call(String method, Object... args) {
            calls.add(method);
            return switch (method) {
                case "SR.get_all_records" -> Map.of();
                case "host.get_all" -> Set.copyOf(hosts);
                case "pool.get_all" -> Set.of(Ref.fresh());
                case "pool.get_default_SR" -> Ref.nullRef();
                case "SR.create" -> {
                    if (!srMessagesServed) {
                        throw new XenApiException("NOT_IMPLEMENTED", "SR.create");
                    }
                    yield Ref.fresh();
                }
                default -> null;
            };
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        db = DatabaseImpl.open(DbOptions.inMemory());
    }

    @AfterEach
    void tearDown() {
        local.deactivate();
        mux.close();
    }

    private void start(int waitSeconds) {
        LocalStorageConfig config = Converters.standardConverter()
                .convert(Map.of("type", "memory", "path", "/srv/local", "driver.wait.seconds", waitSeconds))
                .to(LocalStorageConfig.class);
        local = new LocalStorage(api, db, config, work);
        mux.addListener(local);
    }

    private long creates() {
        return calls.stream().filter("SR.create"::equals).count();
    }

    @Test
    void theSrIsMadeOnceItsDriverArrives() {
        hosts.add(Ref.fresh());
        start(120);
        mux.addDriver(new MemorySrDriver("other", 1 << 20), Map.of("sr.type", "other"));
        assertEquals(0, creates(), "another type does not count");
        mux.addDriver(new MemorySrDriver("memory", 1 << 20), Map.of("sr.type", "memory"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls.contains("pool.set_default_SR"));
        assertEquals(1, creates());
    }

    @Test
    void aDriverAlreadyThereCountsAndTheHostIsAwaitedOnTheDatabase() {
        mux.addDriver(new MemorySrDriver("memory", 1 << 20), Map.of("sr.type", "memory"));
        start(120);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls.contains("host.get_all"));
        assertEquals(0, creates(), "no host yet");
        hosts.add(Ref.fresh());
        db.write(tx -> tx.create("host", Map.of("name_label", "h")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> creates() == 1);
    }

    @Test
    void aDriverThatComesTooLateMakesNoSr() throws Exception {
        hosts.add(Ref.fresh());
        start(0);
        // The give-up timer ran first on the one work thread; what is queued after it finds it done.
        work.submit(() -> null).get();
        mux.addDriver(new MemorySrDriver("memory", 1 << 20), Map.of("sr.type", "memory"));
        work.submit(() -> null).get();
        assertEquals(List.of(), calls);
    }

    @Test
    void srMessagesNotYetServedAreTriedAgainUntilTheyAre() throws Exception {
        hosts.add(Ref.fresh());
        srMessagesServed = false;
        start(120);
        mux.addDriver(new MemorySrDriver("memory", 1 << 20), Map.of("sr.type", "memory"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> creates() >= 2);
        assertEquals(false, calls.contains("pool.set_default_SR"), "no SR made yet");
        srMessagesServed = true;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls.contains("pool.set_default_SR"));
        long made = creates();
        // On the one work thread, a task due after any retry the last attempt could have scheduled.
        work.schedule(() -> null, 2 * LocalStorage.NOT_SERVED_RETRY_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
                .get();
        assertEquals(made, creates(), "no more attempts once the SR is made");
    }
}
