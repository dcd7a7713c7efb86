package org.jxapi.xenops.api;

import java.util.Objects;

/**
 * Disk I/O priority in ionice terms: a scheduling class (RealTime, Idle, BestEffort) and, except
 * for Idle, a level (Highest, High, Normal, Low, Lowest, or a number).
 */
public record IoniceQos(String schedulerClass, String level) {
    public IoniceQos {
        Objects.requireNonNull(schedulerClass, "schedulerClass");
        if (!schedulerClass.equals("Idle") && level == null) {
            throw new IllegalArgumentException(schedulerClass + " needs a level");
        }
    }
}
