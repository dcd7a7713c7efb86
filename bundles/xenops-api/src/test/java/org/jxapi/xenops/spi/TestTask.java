package org.jxapi.xenops.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jxapi.xenops.api.XenopsException;

/** A plain {@link Task} for calling a backend without an engine: cancellable, no progress kept. */
public class TestTask implements Task {
    private final String id;
    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelling;

    public TestTask(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String dbg() {
        return "test";
    }

    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            cancelling = true;
            actions = new ArrayList<>(onCancel);
            notifyAll();
        }
        actions.forEach(Runnable::run);
    }

    @Override
    public synchronized void checkCancelling() {
        if (cancelling) {
            throw XenopsException.cancelled(id);
        }
    }

    @Override
    public synchronized boolean isCancelling() {
        return cancelling;
    }

    @Override
    public Registration onCancel(Runnable action) {
        boolean now;
        synchronized (this) {
            now = cancelling;
            if (!now) {
                onCancel.add(action);
            }
        }
        if (now) {
            action.run();
        }
        return () -> {
            synchronized (this) {
                onCancel.remove(action);
            }
        };
    }

    @Override
    public void sleep(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (this) {
            while (!cancelling && System.nanoTime() < deadline) {
                try {
                    long left = deadline - System.nanoTime();
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        checkCancelling();
    }

    @Override
    public ProcessResult run(ProcessBuilder command) {
        try {
            Process p = command.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new ProcessResult(p.waitFor(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw XenopsException.cancelled(id);
        }
    }

    @Override
    public void setProgress(double fraction) {
    }

    @Override
    public void log(String message) {
    }

    @Override
    public <T> T subtask(String name, Supplier<T> body) {
        return body.get();
    }

    @Override
    public void prohibitCancellation() {
    }
}
