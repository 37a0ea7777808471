package io.cascaderadar.connectors.influxdb;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes lines of line protocol to InfluxDB in batches, reliably:
 * <ul>
 *   <li>a batch is sent when it holds {@code batch.lines} lines, or on {@link #sendIfDue()} once it is
 *       {@code flush.interval} old; one background sender writes the batches in order, one in flight and one
 *       waiting, so that the caller fills the next batch meanwhile;</li>
 *   <li>while InfluxDB is down, slow or answers 5xx/429, the sender tries again with backoff (up to 5 s between
 *       tries) for {@code retry.max.time}; the caller blocks when both slots are taken (backpressure, never a
 *       dropped point), and fails only when that time is over;</li>
 *   <li>a batch that InfluxDB refuses (400) is halved until the refused lines are found: each is handed to
 *       {@link Rejections} with the server's reason, the rest is written. Points are idempotent (same series and
 *       time overwrite), so writing a part again is harmless;</li>
 *   <li>{@link #flush()} sends what is buffered and waits until everything is written: after it returns, no line
 *       added before is lost. Flink calls it on every checkpoint.</li>
 * </ul>
 * Not thread-safe: one caller thread; {@link Rejections} are called on that thread.
 */
public final class InfluxLineWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxLineWriter.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Where refused lines go: a dead-letter record with the reason. */
    @FunctionalInterface
    public interface Rejections {
        void rejected(String line, String reason) throws Exception;
    }

    private record Rejected(String line, String reason) {}

    private final InfluxHttpClient client;
    private final Rejections rejections;
    private final ExecutorService sender;
    private final Semaphore slots = new Semaphore(2);
    private final Deque<Future<?>> sending = new ArrayDeque<>();
    private final Queue<Rejected> rejected = new ConcurrentLinkedQueue<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private long rejectedCount;
    private List<String> buffer = new ArrayList<>();
    private long bufferStartNanos;

    public InfluxLineWriter(InfluxHttpClient client, Rejections rejections) {
        this.client = client;
        this.rejections = rejections;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "influxdb-writer " + client.config().url());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds a line; sends the batch when full, blocking while two batches are being written. */
    public void add(String line) throws Exception {
        handOver();
        if (buffer.isEmpty()) {
            bufferStartNanos = System.nanoTime();
        }
        buffer.add(line);
        if (buffer.size() >= client.config().batchLines()) {
            send();
        }
    }

    /** Sends the buffered lines if the oldest has waited for the flush interval; does not wait. */
    public void sendIfDue() throws Exception {
        handOver();
        if (!buffer.isEmpty() && System.nanoTime() - bufferStartNanos >= client.config().flushInterval().toNanos()) {
            send();
        }
    }

    /** Sends the buffered lines and waits until every line added so far is written or handed to the rejections. */
    public void flush() throws Exception {
        send();
        while (!sending.isEmpty()) {
            await(sending.removeFirst());
        }
        handOver();
    }

    /** Lines written (acknowledged by InfluxDB), lines refused, tries that failed and were repeated. */
    public long written() {
        return written.get();
    }

    public long rejected() {
        return rejectedCount;
    }

    public long retries() {
        return retries.get();
    }

    private void send() throws Exception {
        if (buffer.isEmpty()) {
            return;
        }
        List<String> batch = buffer;
        buffer = new ArrayList<>(client.config().batchLines());
        slots.acquire();
        try {
            sending.addLast(sender.submit(() -> {
                try {
                    write(batch);
                    return null;
                } finally {
                    slots.release();
                }
            }));
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Fails with the first failed batch; passes refused lines on. */
    private void handOver() throws Exception {
        while (!sending.isEmpty() && sending.peekFirst().isDone()) {
            await(sending.removeFirst());
        }
        for (Rejected r; (r = rejected.poll()) != null; ) {
            rejectedCount++;
            rejections.rejected(r.line(), r.reason());
        }
    }

    private static void await(Future<?> batch) throws Exception {
        try {
            batch.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void write(List<String> batch) throws InfluxException, InterruptedException {
        long failingSince = 0;
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                client.write(batch);
                written.addAndGet(batch.size());
                if (failingSince != 0) {
                    LOG.info("InfluxDB at {} takes writes again after {} s", client.config().url(),
                            (System.nanoTime() - failingSince) / 1_000_000_000);
                }
                return;
            } catch (InfluxException e) {
                switch (e.kind()) {
                    case REJECTED, TOO_LARGE -> {
                        if (batch.size() == 1) {
                            if (e.kind() == InfluxException.Kind.TOO_LARGE) {
                                throw e;
                            }
                            rejected.add(new Rejected(batch.get(0), e.getMessage()));
                        } else {
                            write(batch.subList(0, batch.size() / 2));
                            write(batch.subList(batch.size() / 2, batch.size()));
                        }
                        return;
                    }
                    case UNAVAILABLE -> {
                        long now = System.nanoTime();
                        if (failingSince == 0) {
                            failingSince = now;
                            LOG.warn("{}; trying again for up to {}", e.getMessage(), client.config().retryMaxTime());
                        } else if (now - failingSince > client.config().retryMaxTime().toNanos()) {
                            throw new InfluxException(e.kind(), e.status(), e.getMessage() + " (still after "
                                    + client.config().retryMaxTime() + " of trying again)", e);
                        }
                        retries.incrementAndGet();
                        Thread.sleep(backoff.toMillis());
                        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                    }
                    default -> throw e;
                }
            }
        }
    }

    /** Stops the sender without waiting for what it is writing (call {@link #flush()} first to keep it). */
    @Override
    public void close() {
        sender.shutdownNow();
    }
}
