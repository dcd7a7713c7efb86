package org.jxapi.xapi.storage.impl;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.VdiApi;
import org.jxapi.xenapi.model.types.OnBoot;
import org.jxapi.xenapi.model.types.Pool;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.VdiType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The explicit messages of VDI: snapshot, clone, resize, copy, introduce, forget, update and the setters storage takes part in. */
@Component(service = VdiApi.class)
public class VdiMessages implements VdiApi {
    private final StorageCore core;

    @Activate
    public VdiMessages(@Reference(name = "core") StorageCore core) {
        this.core = core;
    }

    @Override
    public Ref<Vdi> snapshot(Ref<Session> sessionId, Ref<Vdi> vdi, Map<String, String> driverParams) {
        return core.snapshotVdi(vdi, driverParams);
    }

    @Override
    public Ref<Vdi> clone(Ref<Session> sessionId, Ref<Vdi> vdi, Map<String, String> driverParams) {
        return core.cloneVdi(vdi, driverParams);
    }

    @Override
    public void resize(Ref<Session> sessionId, Ref<Vdi> vdi, long size) {
        core.resize(vdi, size, false);
    }

    @Override
    public void resizeOnline(Ref<Session> sessionId, Ref<Vdi> vdi, long size) {
        core.resize(vdi, size, true);
    }

    @Override
    public Ref<Vdi> copy(Ref<Session> sessionId, Ref<Vdi> vdi, Ref<Sr> sr, Ref<Vdi> baseVdi, Ref<Vdi> intoVdi) {
        if (intoVdi != null && !intoVdi.isNull()) {
            core.copyInto(vdi, intoVdi);
            return intoVdi;
        }
        return core.copy(vdi, sr);
    }

    @Override
    public Ref<Vdi> introduce(Ref<Session> sessionId, String uuid, String nameLabel, String nameDescription,
            Ref<Sr> sr, VdiType type, boolean sharable, boolean readOnly, Map<String, String> otherConfig,
            String location, Map<String, String> xenstoreData, Map<String, String> smConfig, boolean managed,
            long virtualSize, long physicalUtilisation, Ref<Pool> metadataOfPool, boolean isASnapshot,
            Instant snapshotTime, Ref<Vdi> snapshotOf) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(Vdi.Fields.UUID.name(), uuid);
        f.put(Vdi.Fields.NAME_LABEL.name(), nameLabel);
        f.put(Vdi.Fields.NAME_DESCRIPTION.name(), nameDescription);
        f.put(Vdi.Fields.SR.name(), sr);
        f.put(Vdi.Fields.TYPE.name(), type);
        f.put(Vdi.Fields.SHARABLE.name(), sharable);
        f.put(Vdi.Fields.OTHER_CONFIG.name(), otherConfig);
        f.put(Vdi.Fields.LOCATION.name(), location);
        f.put(Vdi.Fields.XENSTORE_DATA.name(), xenstoreData);
        f.put(Vdi.Fields.SM_CONFIG.name(), smConfig);
        return core.introduce(f);
    }

    @Override
    public void forget(Ref<Session> sessionId, Ref<Vdi> vdi) {
        core.forget(vdi);
    }

    @Override
    public void update(Ref<Session> sessionId, Ref<Vdi> vdi) {
        core.update(vdi);
    }

    @Override
    public void setNameLabel(Ref<Session> sessionId, Ref<Vdi> self, String value) {
        core.setName(self, Vdi.Fields.NAME_LABEL, value);
    }

    @Override
    public void setNameDescription(Ref<Session> sessionId, Ref<Vdi> self, String value) {
        core.setName(self, Vdi.Fields.NAME_DESCRIPTION, value);
    }

    @Override
    public void setOnBoot(Ref<Session> sessionId, Ref<Vdi> self, OnBoot value) {
        core.setOnBoot(self, value);
    }

    @Override
    public void setReadOnly(Ref<Session> sessionId, Ref<Vdi> self, boolean value) {
        core.setField(self, Vdi.Fields.READ_ONLY, value);
    }

    @Override
    public void setSharable(Ref<Session> sessionId, Ref<Vdi> self, boolean value) {
        core.setField(self, Vdi.Fields.SHARABLE, value);
    }
}
