package org.jxapi.storage.api;

import java.util.List;

/** Where a storage task is: running, done with an optional result, or failed. */
public sealed interface TaskState {

    /** Running; {@code progress} from 0 to 1. */
    record Pending(double progress) implements TaskState {
    }

    /** Done after {@code durationSeconds}; {@code result} is the VDI made, or {@code null}. */
    record Completed(double durationSeconds, VdiInfo result) implements TaskState {
    }

    /** Failed with a XenAPI error: the code followed by its parameters. */
    record Failed(List<String> errorDescription) implements TaskState {
        public Failed {
            errorDescription = List.copyOf(errorDescription);
        }
    }
}
