package org.jxapi.api.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.db.Database;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Task;
import org.jxapi.xenapi.wire.RawCall;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;

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
    private final CallContextsImpl contexts = new CallContextsImpl();
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService sweeper;
    private final ServiceTracker<Object, Object> apiTracker;
    private final ServiceTracker<ObjectLifecycle, ObjectLifecycle> lifecycleTracker;
    private final ServiceTracker<org.jxapi.api.spi.MethodFallback, org.jxapi.api.spi.MethodFallback> fallbackTracker;
    private final LocalCalls local;

    @Activate
    public XenApiCore(@Reference(name = "database") Database db, XenApiCoreConfig config, BundleContext context)
            throws IOException, InvalidSyntaxException {
        this.db = db;
        Path dir = config.data_dir().isBlank() ? defaultDir() : Path.of(config.data_dir());
        RoleTable roles = new RoleTable();
        roles.ensure(db);
        this.accounts = new AccountStore(dir.resolve("accounts.json"), db, roles, config.root_password());
        this.sessions = new SessionManager(db, accounts, new SessionManager.Limits(config.sessions_per_user(),
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
        this.apiTracker = context == null ? null : trackApis(context);
        this.lifecycleTracker = context == null ? null : trackLifecycles(context);
        this.fallbackTracker = context == null ? null : trackFallbacks(context);
    }

    /** Extensions answer undeclared calls; ask them in ranking order (the tracker sorts by it). */
    private ServiceTracker<org.jxapi.api.spi.MethodFallback, org.jxapi.api.spi.MethodFallback> trackFallbacks(
            BundleContext context) {
        var t = new ServiceTracker<org.jxapi.api.spi.MethodFallback, org.jxapi.api.spi.MethodFallback>(context,
                org.jxapi.api.spi.MethodFallback.class, null);
        t.open();
        dispatcher.fallbacks(() -> {
            var refs = t.getServiceReferences();
            if (refs == null) {
                return List.of();
            }
            java.util.Arrays.sort(refs, java.util.Collections.reverseOrder());
            List<org.jxapi.api.spi.MethodFallback> out = new java.util.ArrayList<>(refs.length);
            for (var r : refs) {
                var f = t.getService(r);
                if (f != null) {
                    out.add(f);
                }
            }
            return out;
        });
        return t;
    }

    static Path defaultDir() {
        String data = System.getProperty("karaf.data");
        return data == null ? Path.of("data", "jxapi") : Path.of(data, "jxapi");
    }

    /** Bundles that implement explicit messages register the generated interfaces; follow them. */
    private ServiceTracker<Object, Object> trackApis(BundleContext context) throws InvalidSyntaxException {
        ServiceTracker<Object, Object> t = new ServiceTracker<>(context, context.createFilter(API_FILTER), null) {
            @Override
            public Object addingService(ServiceReference<Object> ref) {
                Object service = context.getService(ref);
                if (service == null) {
                    return null;
                }
                int ranking = ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
                long id = (Long) ref.getProperty(Constants.SERVICE_ID);
                for (String name : (String[]) ref.getProperty(Constants.OBJECTCLASS)) {
                    Class<?> iface = apiInterface(name);
                    if (iface != null && iface.isInstance(service)) {
                        explicit.add(service, iface, ranking, id);
                    }
                }
                return service;
            }

            @Override
            public void removedService(ServiceReference<Object> ref, Object service) {
                explicit.remove(service);
                context.ungetService(ref);
            }
        };
        t.open();
        return t;
    }

    /** Bundles that serve a class's constructor and destructor register ObjectLifecycle; follow them. */
    private ServiceTracker<ObjectLifecycle, ObjectLifecycle> trackLifecycles(BundleContext context) {
        ServiceTracker<ObjectLifecycle, ObjectLifecycle> t = new ServiceTracker<>(context, ObjectLifecycle.class, null) {
            @Override
            public ObjectLifecycle addingService(ServiceReference<ObjectLifecycle> ref) {
                ObjectLifecycle service = context.getService(ref);
                if (service == null) {
                    return null;
                }
                int ranking = ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
                long id = (Long) ref.getProperty(Constants.SERVICE_ID);
                Object cls = ref.getProperty(ObjectLifecycle.CLASS);
                for (String c : cls instanceof String[] a ? a : new String[] {String.valueOf(cls)}) {
                    explicit.addLifecycle(service, c, ranking, id);
                }
                return service;
            }

            @Override
            public void removedService(ServiceReference<ObjectLifecycle> ref, ObjectLifecycle service) {
                explicit.removeLifecycle(service);
                context.ungetService(ref);
            }
        };
        t.open();
        return t;
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
        if (apiTracker != null) {
            apiTracker.close();
        }
        if (lifecycleTracker != null) {
            lifecycleTracker.close();
        }
        if (fallbackTracker != null) {
            fallbackTracker.close();
        }
        sweeper.shutdownNow();
        tasks.shutdown();
        events.shutdown();
    }

    // ---- for the transport ----

    @Override
    public CompletionStage<Outcome> call(RawCall call, Origin origin) {
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
        return explicit;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public SessionManager sessions() {
        return sessions;
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
