package org.jxapi.api.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi XenAPI core", description = "Accounts, sessions and tasks of the XenAPI server")
@interface XenApiCoreConfig {
    @AttributeDefinition(description = "Password given to root when the account is first created; empty means "
            + "a random one, written once to the log")
    String root_password() default "";

    @AttributeDefinition(description = "Directory of accounts.json and other server state; empty means ${karaf.data}/jxapi")
    String data_dir() default "";

    @AttributeDefinition(description = "Most sessions one user name may hold; beyond it the least recently active goes")
    int sessions_per_user() default 500;

    @AttributeDefinition(description = "Most sessions one originator may hold; beyond it the least recently active goes")
    int sessions_per_originator() default 500;

    @AttributeDefinition(description = "Seconds after which an idle session expires")
    long session_idle_timeout() default 86400;

    @AttributeDefinition(description = "Threads that run Async calls")
    int async_threads() default 32;

    @AttributeDefinition(description = "Most unfinished tasks; further calls get TOO_MANY_PENDING_TASKS")
    int tasks_max_pending() default 10000;

    @AttributeDefinition(description = "Most finished tasks kept; beyond it the oldest are destroyed")
    int tasks_max_finished() default 200;

    @AttributeDefinition(description = "Seconds a finished task is kept before it is destroyed")
    long task_finished_timeout() default 3900;

    @AttributeDefinition(description = "Seconds after which a task that never finished is destroyed")
    long task_pending_timeout() default 86400;
}
