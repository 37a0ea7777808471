package io.cascaderadar.jobs.collect;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.feed.Backoff;
import io.cascaderadar.connectors.feed.FeedListener;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the venue feeds and puts what they decode into a {@link CollectorSink}: liquidations, open interest, feed
 * health, and every message that cannot be decoded as a dead letter with the message itself, counted; the feed
 * goes on. Stops after a number of events (liquidations and open-interest figures), after a duration, or when
 * interrupted.
 */
public final class Collector {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    /** What a run collected. */
    public record Counts(long liquidations, long openInterest, long feedHealth, long deadLetters) {}

    private final List<VenueFeed> feeds;
    private final CollectorSink sink;
    private final RawRecorder recorder;
    private final Backoff backoff;
    private final AtomicLong liquidations = new AtomicLong();
    private final AtomicLong openInterest = new AtomicLong();
    private final AtomicLong feedHealth = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private CountDownLatch enough;
    private long maxEvents;

    /** @param recorder where every frame goes as received, before decoding ({@link RawRecorder#NONE}: nowhere) */
    public Collector(List<VenueFeed> feeds, CollectorSink sink, RawRecorder recorder, Backoff backoff) {
        this.feeds = List.copyOf(feeds);
        this.sink = sink;
        this.recorder = recorder;
        this.backoff = backoff;
    }

    /** Collects until {@code maxEvents} events (0: no limit) or {@code duration} (null: no limit), whichever is first. */
    public Counts run(long maxEvents, Duration duration) throws InterruptedException, IOException {
        this.maxEvents = maxEvents;
        this.enough = new CountDownLatch(1);
        List<AutoCloseable> sources = new ArrayList<>();
        try {
            for (VenueFeed feed : feeds) {
                sources.add(feed.starter().start(new Decoding(feed), backoff));
            }
            if (duration == null) {
                enough.await();
            } else {
                enough.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            for (AutoCloseable source : sources) {
                close(source);
            }
        }
        if (failedWrites.get() > 0) {
            throw new IOException(failedWrites.get() + " records could not be written; the first failure is in the log");
        }
        return counts();
    }

    private static void close(AutoCloseable source) throws InterruptedException {
        try {
            source.close();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("stopping a feed failed", e);
        }
    }

    public Counts counts() {
        return new Counts(liquidations.get(), openInterest.get(), feedHealth.get(), deadLetters.get());
    }

    private void counted(long events) {
        if (maxEvents > 0 && events >= maxEvents) {
            enough.countDown();
        }
    }

    /** Decodes one feed's messages into the sink. */
    private final class Decoding implements FeedListener {
        private final VenueFeed feed;

        Decoding(VenueFeed feed) {
            this.feed = feed;
        }

        @Override
        public void onMessage(String message, Instant receiveTime) {
            try {
                recorder.record(feed.venue(), message, receiveTime);
                WireRecords records;
                try {
                    records = feed.decoder().decode(message, receiveTime);
                } catch (WireMessageException e) {
                    sink.deadLetter(new DeadLetter(feed.venue() + " " + feed.channel() + " " + feed.endpoint(),
                            e.reason(), e.getMessage(), message));
                    deadLetters.incrementAndGet();
                    return;
                }
                for (LiquidationEvent event : records.liquidations()) {
                    sink.liquidation(event);
                    liquidations.incrementAndGet();
                }
                for (OpenInterestUpdate update : records.openInterest()) {
                    sink.openInterest(update);
                    openInterest.incrementAndGet();
                }
                counted(liquidations.get() + openInterest.get());
            } catch (IOException e) {
                failed(e);
            }
        }

        @Override
        public void onHealth(FeedHealth health) {
            try {
                sink.feedHealth(health);
                feedHealth.incrementAndGet();
            } catch (IOException e) {
                failed(e);
            }
        }

        private void failed(IOException e) {
            // A sink that cannot write ends the run rather than dropping records.
            if (failedWrites.getAndIncrement() == 0) {
                LOG.error("writing collected records failed", e);
            }
            enough.countDown();
        }
    }
}
