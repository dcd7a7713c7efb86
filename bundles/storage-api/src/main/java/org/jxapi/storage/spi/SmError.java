package org.jxapi.storage.spi;

/**
 * A storage driver's failure, as the original's SM drivers report them: a numeric code, the
 * reason text ({@code "<description> [opterr=<detail>]"}) and the standard error of whatever
 * program failed. The multiplexer turns it into the XenAPI error the original would raise.
 */
public class SmError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String reason;
    private final String stderr;

    public SmError(int code, String reason, String stderr) {
        this(code, reason, stderr, null);
    }

    public SmError(int code, String reason, String stderr, Throwable cause) {
        super("SM error " + code + ": " + reason, cause);
        this.code = code;
        this.reason = reason == null ? "" : reason;
        this.stderr = stderr == null ? "" : stderr;
    }

    /** The error {@code code} with {@code opterr} as detail, as the SM's XenError formats it. */
    public SmError(SmErrorCode code, String opterr) {
        this(code, opterr, "", null);
    }

    public SmError(SmErrorCode code, String opterr, String stderr, Throwable cause) {
        this(code.value(), opterr == null || opterr.isEmpty()
                ? code.description() : code.description() + " [opterr=" + opterr + "]", stderr, cause);
    }

    /** The error a driver raises for an operation it does not implement. */
    public static SmError unimplemented(String operation) {
        return new SmError(SmErrorCode.UNIMPLEMENTED.value(), operation, "");
    }

    /** The error for a VDI the driver does not know. */
    public static SmError vdiMissing(String vdi) {
        return new SmError(SmErrorCode.VDI_MISSING, vdi);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public String stderr() {
        return stderr;
    }
}
