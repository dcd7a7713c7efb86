package org.jxapi.storage.spi.exec;

import java.util.List;

/** An external program could not be started, ran out of time or was cancelled. */
public class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the program did not finish normally. */
    public enum Kind {
        START_FAILED,
        TIMED_OUT,
        CANCELLED
    }

    private final Kind kind;
    private final List<String> argv;
    private final String stderr;

    public CommandException(Kind kind, List<String> argv, String stderr, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.argv = List.copyOf(argv);
        this.stderr = stderr == null ? "" : stderr;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> argv() {
        return argv;
    }

    /** What the program had written to standard error by the time it was stopped. */
    public String stderr() {
        return stderr;
    }
}
