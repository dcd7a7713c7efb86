package org.jxapi.xenops.json.impl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The device states' wire shapes as mix-ins: records whose fields are the original's, renamed to
 * its names; options are left out when None. Absent fields read as false, 0 and None, the
 * original's defaults for these records.
 */
final class StateShapes {
    private StateShapes() {
    }

    abstract static class PciState {
        @JsonProperty("plugged")
        abstract boolean plugged();
    }

    abstract static class VusbState {
        @JsonProperty("plugged")
        abstract boolean plugged();
    }

    abstract static class VifState {
        @JsonProperty("active")
        abstract boolean active();

        @JsonProperty("plugged")
        abstract boolean plugged();

        @JsonProperty("kthread_pid")
        abstract int kthreadPid();

        @JsonProperty("media_present")
        abstract boolean mediaPresent();

        @JsonProperty("device")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonDeserialize(using = OptionDeserializer.class)
        abstract String device();

        @JsonProperty("pvs_rules_active")
        abstract boolean pvsRulesActive();
    }

    abstract static class VgpuState {
        @JsonProperty("active")
        abstract boolean active();

        @JsonProperty("plugged")
        abstract boolean plugged();

        @JsonProperty("emulator_pid")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonDeserialize(using = OptionDeserializer.class)
        abstract Integer emulatorPid();
    }
}
