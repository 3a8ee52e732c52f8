package io.github.aiobmp.testing;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the component's classes log while a test runs, by level, with their parameters filled in. */
public final class LogRecorder extends Handler implements AutoCloseable {

    private final List<Logger> loggers;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> infos = new CopyOnWriteArrayList<>();

    /** Starts recording what {@code classes} log. */
    public LogRecorder(Class<?>... classes) {
        this.loggers = java.util.Arrays.stream(classes).map(type -> Logger.getLogger(type.getName())).toList();
        loggers.forEach(logger -> logger.addHandler(this));
    }

    public List<String> warnings() {
        return warnings;
    }

    public List<String> infos() {
        return infos;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getParameters() == null ? record.getMessage()
                : MessageFormat.format(record.getMessage(), record.getParameters());
        if (record.getLevel() == Level.WARNING) {
            warnings.add(message);
        } else if (record.getLevel() == Level.INFO) {
            infos.add(message);
        }
    }

    @Override
    public void flush() {
    }

    /** Stops recording. */
    @Override
    public void close() {
        loggers.forEach(logger -> logger.removeHandler(this));
    }
}
