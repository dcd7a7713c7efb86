package org.jxapi.common.exec;

import java.util.List;

/**
 * An external program could not be started, ran out of time or was cancelled. It carries what
 * the program had printed by then, so that the caller can report why it hung.
 */
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
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    public CommandException(Kind kind, List<String> argv, int exitCode, String stdout, String stderr, String message,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stdout = stdout == null ? "" : stdout;
        this.stderr = stderr == null ? "" : stderr;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> argv() {
        return argv;
    }

    /** The exit code of the killed program, or -1 if it never started or could not be reaped. */
    public int exitCode() {
        return exitCode;
    }

    /** What the program had written to standard output (with standard error, if merged) when it was stopped. */
    public String stdout() {
        return stdout;
    }

    /** What the program had written to standard error by the time it was stopped. */
    public String stderr() {
        return stderr;
    }
}
