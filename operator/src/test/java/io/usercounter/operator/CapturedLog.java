package io.usercounter.operator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Every log event of this JVM from creation to close, as text: message, key-values, MDC and stack trace. */
final class CapturedLog implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLog() {
        appender.start();
        root.addAppender(appender);
    }

    List<String> lines() {
        synchronized (appender) { // AppenderBase appends while holding the appender's monitor
            return appender.list.stream().map(CapturedLog::text).toList();
        }
    }

    private static String text(ILoggingEvent event) {
        String keyValues = event.getKeyValuePairs() == null
                ? ""
                : event.getKeyValuePairs().stream()
                        .map(pair -> pair.key + "=" + pair.value)
                        .collect(Collectors.joining(" "));
        String stackTrace =
                event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getLevel() + " " + event.getLoggerName() + " " + event.getMDCPropertyMap() + " "
                + event.getFormattedMessage() + " " + keyValues + " " + stackTrace;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
