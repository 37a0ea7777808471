package io.cascaderadar.jobs.sinks;

import io.cascaderadar.connectors.influxdb.InfluxConfig;
import io.cascaderadar.connectors.influxdb.InfluxHttpClient;
import io.cascaderadar.connectors.influxdb.InfluxLineWriter;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.MetricGroup;

/**
 * Writes records as InfluxDB points over the v1 API, at least once: batches bounded in lines and in age, gzip,
 * retries with backoff while InfluxDB is down (the job is backpressured, nothing is dropped), and a flush on
 * every checkpoint, so that a job restored from a checkpoint has lost no point. Points are idempotent (same series
 * and time overwrite), so what is written again after a restore changes no query result. Points that InfluxDB
 * refuses go to the {@link DeadLetterTarget} with the server's reason; the rest of their batch is written.
 * Metrics per writer: {@code influxPointsWritten}, {@code influxPointsRejected}, {@code influxRetries}.
 */
public class InfluxDbSink<T> implements Sink<T> {
    private final InfluxConfig config;
    private final LineFormat<T> format;
    private final DeadLetterTarget deadLetters;

    public InfluxDbSink(InfluxConfig config, LineFormat<T> format, DeadLetterTarget deadLetters) {
        this.config = config;
        this.format = format;
        this.deadLetters = deadLetters;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(config, format, deadLetters.open(context.getTaskInfo().getIndexOfThisSubtask()),
                context.getProcessingTimeService(), context.metricGroup());
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final LineFormat<T> format;
        private final DeadLetterTarget.Writer deadLetters;
        private final InfluxLineWriter lines;
        private final ProcessingTimeService time;
        private final long flushIntervalMillis;

        Writer(InfluxConfig config, LineFormat<T> format, DeadLetterTarget.Writer deadLetters,
                ProcessingTimeService time, MetricGroup metrics) {
            this.format = format;
            this.deadLetters = deadLetters;
            String source = "influxdb " + config.database() + (config.retentionPolicy() == null ? "" : "." + config.retentionPolicy());
            this.lines = new InfluxLineWriter(new InfluxHttpClient(config),
                    (line, reason) -> deadLetters.write(new DeadLetter(source, RejectReason.INFLUX_REJECTED, reason, line)));
            this.time = time;
            this.flushIntervalMillis = config.flushInterval().toMillis();
            metrics.gauge("influxPointsWritten", lines::written);
            metrics.gauge("influxPointsRejected", lines::rejected);
            metrics.gauge("influxRetries", lines::retries);
            scheduleSend();
        }

        /** Sends a batch once it is a flush interval old, even when no more records come. */
        private void scheduleSend() {
            time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMillis, now -> {
                lines.sendIfDue();
                scheduleSend();
            });
        }

        @Override
        public void write(T record, Context context) throws IOException, InterruptedException {
            try {
                format.format(record, (line, from, to) -> {
                    try {
                        lines.add(new String(line, from, to - from, StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        throw new WriteFailure(e);
                    }
                });
            } catch (WriteFailure e) {
                throw rethrow(e.getCause());
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            try {
                lines.flush();
            } catch (Exception e) {
                throw rethrow(e);
            }
            deadLetters.flush();
        }

        @Override
        public void close() throws IOException {
            lines.close();
            deadLetters.close();
        }

        private static IOException rethrow(Throwable e) throws InterruptedException {
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Carries a checked failure out of the line consumer. */
    private static final class WriteFailure extends RuntimeException {
        WriteFailure(Exception cause) {
            super(cause);
        }
    }
}
