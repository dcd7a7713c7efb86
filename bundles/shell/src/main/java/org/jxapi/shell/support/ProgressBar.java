package org.jxapi.shell.support;

import java.io.PrintStream;

import org.apache.karaf.shell.api.console.Session;

/**
 * A one-line progress bar redrawn in place while a task runs; drawn only on an interactive
 * terminal, so that batch output (bin/client -b, scripts) stays clean.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private boolean drawn;

    private ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    static ProgressBar on(Session shell, String label) {
        boolean interactive = shell != null && shell.getTerminal() != null
                && !"dumb".equals(shell.getTerminal().getType()) && shell.getTerminal().getWidth() > WIDTH + 20;
        return new ProgressBar(interactive ? shell.getConsole() : null, label);
    }

    void show(double fraction) {
        if (out == null) {
            return;
        }
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + Math.round(fraction * 100) + "%");
        out.flush();
        drawn = true;
    }

    void clear() {
        if (out != null && drawn) {
            out.print("\r" + " ".repeat(label.length() + WIDTH + 10) + "\r");
            out.flush();
            drawn = false;
        }
    }
}
