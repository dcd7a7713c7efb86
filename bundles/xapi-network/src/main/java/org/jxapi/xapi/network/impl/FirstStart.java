package org.jxapi.xapi.network.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** At start, this host's PIFs when the database has none (see {@link PifIntroducer#firstStart}). */
@Component(immediate = true, service = FirstStart.class)
public class FirstStart {
    @Activate
    public FirstStart(@Reference(name = "core") NetworkCore core) {
        if (core.config.first_start()) {
            new PifIntroducer(core).firstStart(core.config.management_device());
        }
    }
}
