package io.meshwatch.alerts;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the process at TRACE (the Slack client's and OkHttp's included) while
 * open, for tests that check what reaches a log. Restores the root level on close.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    previous = root.getLevel();
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.TRACE);
  }

  /** Every captured event as text: the formatted message, its arguments and any throwable with its stack. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      text.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
      if (event.getArgumentArray() != null) {
        for (Object argument : event.getArgumentArray()) {
          text.append("  arg: ").append(argument).append('\n');
        }
      }
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        text.append(ThrowableProxyUtil.asString(thrown)).append('\n');
      }
    }
    return text.toString();
  }

  public int events() {
    return appender.list.size();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(previous);
  }
}
