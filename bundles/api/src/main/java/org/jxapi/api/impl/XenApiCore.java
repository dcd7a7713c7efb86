package org.jxapi.api.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jxapi.api.Accounts;
import org.jxapi.api.Call;
import org.jxapi.api.CallContexts;
import org.jxapi.api.LocalXenApi;
import org.jxapi.api.Tasks;
import org.jxapi.api.impl.dispatch.CallContextsImpl;
import org.jxapi.api.impl.dispatch.Dispatcher;
import org.jxapi.api.impl.dispatch.ExplicitRegistry;
import org.jxapi.api.impl.dispatch.Origin;
import org.jxapi.api.impl.dispatch.Outcome;
import org.jxapi.api.impl.dispatch.RpcDispatcher;
import org.jxapi.api.impl.event.EventService;
import org.jxapi.api.impl.explicit.EventMessages;
import org.jxapi.api.impl.explicit.MessageMessages;
import org.jxapi.api.impl.explicit.RoleMessages;
import org.jxapi.api.impl.explicit.SessionMessages;
import org.jxapi.api.impl.explicit.SubjectMessages;
import org.jxapi.api.impl.explicit.TaskMessages;
import org.jxapi.api.impl.session.AccountStore;
import org.jxapi.api.impl.session.RoleTable;
import org.jxapi.api.impl.session.SessionManager;
import org.jxapi.api.impl.task.TaskManager;
import org.jxapi.api.spi.MethodFallback;
import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.db.Database;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Task;
import org.jxapi.xenapi.wire.RawCall;
import org.osgi.framework.Constants;
import org.osgi.service.component.AnyService;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The XenAPI server's core: sessions, RBAC, dispatch, tasks and events over the database, with
 * the explicit messages of session, task, event, role and subject built in. Every other explicit
 * message is served by whichever bundle registers the generated interface that holds it.
 */
@Component(service = {RpcDispatcher.class, CallContexts.class, Accounts.class, Tasks.class, LocalXenApi.class},
        configurationPid = "org.jxapi.api.core", immediate = true)
@Designate(ocd = XenApiCoreConfig.class)
public class XenApiCore implements RpcDispatcher, CallContexts, Accounts, Tasks, LocalXenApi {
    private static final String API_FILTER = "(objectClass=org.jxapi.xenapi.model.api.*)";

    private final Database db;
    private final AccountStore accounts;
    private final SessionManager sessions;
    private final TaskManager tasks;
    private final EventService events;
    private final ExplicitRegistry explicit = new ExplicitRegistry();
    /** Providers of explicit messages, lifecycles and fallbacks, got on the first call after they arrive. */
    private final LazyBindings lazy = new LazyBindings();
    private final CallContextsImpl contexts = new CallContextsImpl();
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService sweeper;
    private final RankedServices<MethodFallback> fallbacks = new RankedServices<>();
    private final LocalCalls local;

    @Activate
    public XenApiCore(@Reference(name = "database") Database db, XenApiCoreConfig config) throws IOException {
        this(db, config, Clock.systemUTC());
    }

    /** With the clock that session idle timeouts are measured on (tests move it instead of sleeping). */
    XenApiCore(Database db, XenApiCoreConfig config, Clock clock) throws IOException {
        this.db = db;
        Path dir = config.data_dir().isBlank() ? defaultDir() : Path.of(config.data_dir());
        RoleTable roles = new RoleTable();
        roles.ensure(db);
        this.accounts = new AccountStore(dir.resolve("accounts.json"), db, roles, config.root_password());
        this.sessions = new SessionManager(db, accounts, clock, new SessionManager.Limits(config.sessions_per_user(),
                config.sessions_per_originator(), TimeUnit.SECONDS.toMillis(config.session_idle_timeout())));
        this.tasks = new TaskManager(db, new TaskManager.Limits(config.tasks_max_pending(), config.tasks_max_finished(),
                TimeUnit.SECONDS.toMillis(config.task_finished_timeout()),
                TimeUnit.SECONDS.toMillis(config.task_pending_timeout()), config.async_threads()));
        this.events = new EventService(db);
        sessions.onLogout(events::sessionEnded);
        for (Object builtIn : List.of(new SessionMessages(sessions), new TaskMessages(tasks, db),
                new EventMessages(events), new RoleMessages(db), new SubjectMessages(db, accounts),
                new MessageMessages(db))) {
            for (Class<?> iface : builtIn.getClass().getInterfaces()) {
                explicit.add(builtIn, iface, Integer.MIN_VALUE, 0);
            }
        }
        this.dispatcher = new Dispatcher(db, sessions, tasks, events, explicit, contexts);
        this.local = new LocalCalls(dispatcher, sessions);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jxapi-session-task-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 60, 60, TimeUnit.SECONDS);
        dispatcher.fallbacks(fallbacks::inOrder);
    }

    static Path defaultDir() {
        String data = System.getProperty("karaf.data");
        return data == null ? Path.of("data", "jxapi") : Path.of(data, "jxapi");
    }

    // ---- services that come and go: DS binds them as they register (greedy), so a hot-deployed
    // ---- provider answers at once and a removed one gives the calls back to their original error.

    /**
     * Bundles that implement explicit messages register the generated interfaces. No single
     * interface names them all, so this is an any-service reference narrowed by the filter.
     */
    @Reference(name = "explicit", service = AnyService.class, target = API_FILTER,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, bind = "bindApi", unbind = "unbindApi")
    void bindApi(ComponentServiceObjects<Object> objects, Map<String, Object> properties) {
        lazy.bind("explicit", serviceId(properties), objects, s -> addApi(s, properties), this::removeApi);
    }

    void unbindApi(ComponentServiceObjects<Object> objects, Map<String, Object> properties) {
        lazy.unbind("explicit", serviceId(properties));
    }

    void addApi(Object service, Map<String, Object> properties) {
        for (String name : objectClasses(properties)) {
            Class<?> iface = apiInterface(name);
            if (iface != null && iface.isInstance(service)) {
                explicit.add(service, iface, ranking(properties), serviceId(properties));
            }
        }
    }

    void removeApi(Object service) {
        explicit.remove(service);
    }

    /** Bundles that serve a class's constructor and destructor register ObjectLifecycle. */
    @Reference(name = "lifecycle", service = ObjectLifecycle.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, bind = "bindLifecycle",
            unbind = "unbindLifecycle")
    void bindLifecycle(ComponentServiceObjects<ObjectLifecycle> objects, Map<String, Object> properties) {
        lazy.bind("lifecycle", serviceId(properties), objects, s -> addLifecycle((ObjectLifecycle) s, properties),
                s -> removeLifecycle((ObjectLifecycle) s));
    }

    void unbindLifecycle(ComponentServiceObjects<ObjectLifecycle> objects, Map<String, Object> properties) {
        lazy.unbind("lifecycle", serviceId(properties));
    }

    void addLifecycle(ObjectLifecycle service, Map<String, Object> properties) {
        Object cls = properties.get(ObjectLifecycle.CLASS);
        for (String c : cls instanceof String[] a ? a : new String[] {String.valueOf(cls)}) {
            explicit.addLifecycle(service, c, ranking(properties), serviceId(properties));
        }
    }

    void removeLifecycle(ObjectLifecycle service) {
        explicit.removeLifecycle(service);
    }

    /** Extensions answer undeclared calls; they are asked in service ranking order. */
    @Reference(name = "fallback", service = MethodFallback.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, bind = "bindFallback",
            unbind = "unbindFallback")
    void bindFallback(ComponentServiceObjects<MethodFallback> objects, Map<String, Object> properties) {
        lazy.bind("fallback", serviceId(properties), objects, s -> addFallback((MethodFallback) s, properties),
                s -> removeFallback((MethodFallback) s));
    }

    void unbindFallback(ComponentServiceObjects<MethodFallback> objects, Map<String, Object> properties) {
        lazy.unbind("fallback", serviceId(properties));
    }

    void addFallback(MethodFallback service, Map<String, Object> properties) {
        fallbacks.add(service, ranking(properties), serviceId(properties));
    }

    void removeFallback(MethodFallback service) {
        fallbacks.remove(service);
    }

    private static List<String> objectClasses(Map<String, Object> properties) {
        Object classes = properties.get(Constants.OBJECTCLASS);
        return classes instanceof String[] a ? List.of(a) : List.of();
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_ID) instanceof Long l ? l : 0L;
    }

    private static Class<?> apiInterface(String name) {
        try {
            return org.jxapi.xenapi.model.api.VmApi.class.getClassLoader().loadClass(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private void sweep() {
        try {
            sessions.sweep();
            tasks.sweep();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(XenApiCore.class).warn("session and task sweep failed", e);
        }
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        tasks.shutdown();
        events.shutdown();
    }

    // ---- for the transport ----

    @Override
    public CompletionStage<Outcome> call(RawCall call, Origin origin) {
        lazy.resolve();
        return dispatcher.call(call, origin);
    }

    @Override
    public Call authenticate(String sessionHandle, MessageMeta permission) {
        return dispatcher.authenticate(sessionHandle, permission);
    }

    @Override
    public Ref<Session> loginForRequest(String user, String password, Origin origin) {
        return sessions.login(user, password, "http-basic", origin).ref;
    }

    @Override
    public void logout(Ref<Session> session) {
        sessions.logout(session);
    }

    @Override
    public <T> T withCall(Call call, java.util.function.Supplier<T> work) {
        return contexts.with(call, work);
    }

    public ExplicitRegistry explicit() {
        lazy.resolve();
        return explicit;
    }

    public Dispatcher dispatcher() {
        lazy.resolve();
        return dispatcher;
    }

    public SessionManager sessions() {
        return sessions;
    }

    /** Diagnostics: event.from and event.next calls parked until a commit (tests wait for this, not a sleep). */
    public int parkedEventWaiters() {
        return events.parkedWaiters();
    }

    // ---- CallContexts, Accounts, Tasks ----

    @Override
    public Call current() {
        return contexts.current();
    }

    @Override
    public List<Account> list() {
        return accounts.list();
    }

    @Override
    public java.util.Optional<Account> authenticate(String name, String password) {
        return accounts.authenticate(name, password);
    }

    // ---- LocalXenApi ----

    @Override
    public Ref<Session> login(String userName, String originator) {
        return local.login(userName, originator);
    }

    @Override
    public Object call(String method, Object... args) {
        lazy.resolve();
        return local.call(method, args);
    }

    @Override
    public Account create(String name, String password, String role) {
        return accounts.create(name, password, role);
    }

    @Override
    public void setPassword(String name, String password) {
        accounts.setPassword(name, password);
    }

    @Override
    public void setRole(String name, String role) {
        accounts.setRole(name, role);
        sessions.logoutUser(name);
    }

    @Override
    public void delete(String name) {
        accounts.delete(name);
    }

    @Override
    public TaskHandle create(Ref<Session> session, String label, String description) {
        return tasks.create(session, label, description);
    }

    @Override
    public TaskHandle adopt(Ref<Task> task) {
        return tasks.adopt(task);
    }
}
