package io.cascaderadar.jobs.collect;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.chain.ChainFollower;
import io.cascaderadar.connectors.chain.ChainRpc;
import io.cascaderadar.connectors.feed.Backoff;
import io.cascaderadar.connectors.feed.FeedListener;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.InstrumentCatalog;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the venue feeds and puts what they decode into a {@link CollectorSink}: liquidations, open interest, feed
 * health, and every message that cannot be decoded as a dead letter with the message itself, counted; the feed
 * goes on. The instrument listings the decoders need are loaded first (and recorded with the frames). Liquidation
 * feeds silent while the others liquidate heavily are flagged ({@link SilenceWatch}). Chains are followed too
 * ({@link ChainFollower}): their liquidations, retractions after a reorg, and dead letters go to the same sink, which
 * is flushed before each chain's cursor moves. Stops after a number of events (liquidations and open-interest
 * figures), after a duration, or when interrupted.
 */
public final class Collector {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    /** What a run collected. */
    public record Counts(long liquidations, long openInterest, long feedHealth, long deadLetters, long repeatsSkipped,
            long retractions) {}

    /**
     * How the collector judges its feeds.
     *
     * @param silentWindow how long a liquidation feed may stay without a liquidation while the others liquidate
     *     {@code silentMinUsd}, before it is flagged SILENT
     * @param reloadListingsAfter how long after loading a venue's instrument listing a message naming an unknown
     *     instrument may have it loaded again
     * @param chainPoll how often a chain is asked for new blocks once its cursor reached the head
     */
    public record Settings(Duration silentWindow, double silentMinUsd, Duration reloadListingsAfter, Duration chainPoll) {}

    private final List<VenueFeed> feeds;
    private final List<ChainFollower> chains;
    private final CollectorSink sink;
    private final RawRecorder recorder;
    private final Backoff backoff;
    private final Settings settings;
    private final SilenceWatch silence;
    private final AtomicLong liquidations = new AtomicLong();
    private final AtomicLong openInterest = new AtomicLong();
    private final AtomicLong feedHealth = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong repeatsSkipped = new AtomicLong();
    private final AtomicLong retractions = new AtomicLong();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final AtomicLong finishedChains = new AtomicLong();
    private CountDownLatch enough;
    private long maxEvents;

    /**
     * @param chains the chains to follow, each from its cursor
     * @param recorder where every frame goes as received ({@link RawRecorder#NONE}: nowhere)
     */
    public Collector(List<VenueFeed> feeds, List<ChainFollower> chains, CollectorSink sink, RawRecorder recorder, Backoff backoff,
            Settings settings) {
        this.feeds = List.copyOf(feeds);
        this.chains = List.copyOf(chains);
        this.sink = sink;
        this.recorder = recorder;
        this.backoff = backoff;
        this.settings = settings;
        this.silence = new SilenceWatch(new SilenceWatch.Settings(settings.silentWindow(), settings.silentMinUsd()));
    }

    /** Collects until {@code maxEvents} events (0: no limit) or {@code duration} (null: no limit), whichever is first. */
    public Counts run(long maxEvents, Duration duration) throws InterruptedException, IOException {
        this.maxEvents = maxEvents;
        this.enough = new CountDownLatch(1);
        List<AutoCloseable> sources = new ArrayList<>();
        loadInstruments();
        try {
            for (VenueFeed feed : feeds) {
                sources.add(feed.starter().start(new Decoding(feed), backoff));
            }
            for (ChainFollower chain : chains) {
                sources.add(new ChainReading(chain).begin());
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
        IOException failed = failure.get();
        if (failed != null) {
            throw new IOException("collecting stopped: " + failed.getMessage(), failed);
        }
        return counts();
    }

    /** The listings the feeds' decoders size contracts with, before any frame arrives: a venue that lists none fails the run. */
    private void loadInstruments() throws IOException, InterruptedException {
        Set<InstrumentCatalog> catalogs = new LinkedHashSet<>();
        feeds.stream().map(VenueFeed::catalog).filter(Objects::nonNull).forEach(catalogs::add);
        for (InstrumentCatalog catalog : catalogs) {
            load(catalog);
            LOG.info("{}: {} instruments from {}", catalog.venue(), catalog.size(), catalog.url());
        }
    }

    private void load(InstrumentCatalog catalog) throws IOException, InterruptedException {
        String listing = catalog.load();
        recorder.record(catalog.venue(), listing, Instant.now());
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
        return new Counts(liquidations.get(), openInterest.get(), feedHealth.get(), deadLetters.get(), repeatsSkipped.get(),
                retractions.get());
    }

    private void counted(long events) {
        if (maxEvents > 0 && events >= maxEvents) {
            enough.countDown();
        }
    }

    /**
     * A chain followed on a thread of its own: RPC failures are waited out, a sink failure ends the run. A range is
     * never cut short: stopping waits for the range being read to be handed on and its cursor saved (no interrupt),
     * and its events count towards {@code --max-events} only then, so a stop by count leaves nothing to read twice.
     */
    private final class ChainReading implements ChainFollower.ChainOutput, AutoCloseable {
        private final ChainFollower chain;
        private final Thread thread;
        private volatile boolean closed;
        private long pending;

        ChainReading(ChainFollower chain) {
            this.chain = chain;
            this.thread = new Thread(this::run, "chain " + chain.cursor().chain());
            this.thread.setDaemon(true);
        }

        ChainReading begin() {
            thread.start();
            return this;
        }

        private void run() {
            int failures = 0;
            while (!closed) {
                if (chain.finished()) {
                    if (finishedChains.incrementAndGet() == chains.size() && feeds.isEmpty()) {
                        enough.countDown();
                    }
                    return;
                }
                long wait;
                pending = 0;
                try {
                    long read = chain.step(chain.safeHead(), this);
                    liquidations.addAndGet(pending);
                    pending = 0;
                    counted(liquidations.get() + openInterest.get());
                    if (enough.getCount() == 0) {
                        return; // enough: no range after the one that made it so
                    }
                    failures = 0;
                    wait = read == 0 ? settings.chainPoll().toMillis() : 0;
                } catch (InterruptedException e) {
                    return;
                } catch (ChainRpc.RpcException e) {
                    wait = backoff.delay(failures++).toMillis();
                    LOG.warn("{}: {}; trying again in {} ms", chain.cursor().chain(), e.getMessage(), wait);
                } catch (IOException e) {
                    failed(e);
                    return;
                }
                synchronized (this) {
                    if (!closed && wait > 0) {
                        try {
                            wait(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            synchronized (this) {
                closed = true;
                notifyAll();
            }
            thread.join();
        }

        @Override
        public void liquidations(List<LiquidationEvent> events) throws IOException {
            for (LiquidationEvent event : events) {
                sink.liquidation(event);
                pending++;
            }
        }

        @Override
        public void retractions(List<LiquidationEvent> events) throws IOException {
            for (LiquidationEvent event : events) {
                sink.liquidation(LiquidationEvent.newBuilder(event).setRetracted(true).build());
                retractions.incrementAndGet();
            }
        }

        @Override
        public void deadLetters(List<DeadLetter> letters) throws IOException {
            for (DeadLetter letter : letters) {
                sink.deadLetter(letter);
                deadLetters.incrementAndGet();
            }
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }
    }

    /**
     * What a run cannot go on from ends it rather than dropping records: a sink that cannot write, a chain whose
     * reorg is deeper than what was remembered. The first such failure is what the run reports.
     */
    private void failed(IOException e) {
        if (failure.compareAndSet(null, e)) {
            LOG.error("collecting stopped", e);
        }
        enough.countDown();
    }

    /** Decodes one feed's messages into the sink. */
    private final class Decoding implements FeedListener {
        private final VenueFeed feed;
        /** For a feed that repeats on subscribe: when it last subscribed, until its first message. */
        private Instant subscribedAt;

        Decoding(VenueFeed feed) {
            this.feed = feed;
        }

        @Override
        public void onMessage(String message, Instant receiveTime) {
            try {
                WireRecords records;
                try {
                    records = decode(message, receiveTime);
                } catch (WireMessageException e) {
                    recorder.record(feed.venue(), message, receiveTime);
                    sink.deadLetter(new DeadLetter(feed.source(), e.reason(), e.getMessage(), message));
                    deadLetters.incrementAndGet();
                    return;
                }
                // Recorded after decoding: a listing loaded again for this message is recorded before it, as a replay needs.
                recorder.record(feed.venue(), message, receiveTime);
                List<LiquidationEvent> events = withoutRepeats(records.liquidations());
                for (LiquidationEvent event : events) {
                    sink.liquidation(event);
                    liquidations.incrementAndGet();
                }
                for (OpenInterestUpdate update : records.openInterest()) {
                    sink.openInterest(update);
                    openInterest.incrementAndGet();
                }
                if (feed.watchedForSilence() && !events.isEmpty()) {
                    health(silence.liquidations(feed, events, receiveTime));
                }
                counted(liquidations.get() + openInterest.get());
            } catch (IOException e) {
                failed(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Decodes; a message naming an instrument the listing lacks has the listing loaded again, if not loaded just before. */
        private WireRecords decode(String message, Instant receiveTime)
                throws WireMessageException, IOException, InterruptedException {
            try {
                return feed.decoder().decode(message, receiveTime);
            } catch (WireMessageException e) {
                InstrumentCatalog catalog = feed.catalog();
                if (e.reason() != RejectReason.UNKNOWN_INSTRUMENT || catalog == null
                        || catalog.loadedWithin(settings.reloadListingsAfter())) {
                    throw e;
                }
                try {
                    load(catalog);
                } catch (IOException unavailable) {
                    LOG.warn("{}: loading the instruments again failed: {}", feed.venue(), unavailable.getMessage());
                    throw e;
                }
                return feed.decoder().decode(message, receiveTime);
            }
        }

        /** The first message after a subscription of a feed that repeats on subscribe, without what came before. */
        private List<LiquidationEvent> withoutRepeats(List<LiquidationEvent> events) {
            if (subscribedAt == null || events.isEmpty()) {
                return events;
            }
            Instant since = subscribedAt;
            subscribedAt = null;
            List<LiquidationEvent> fresh = events.stream().filter(e -> !e.getEventTime().isBefore(since)).toList();
            if (fresh.size() < events.size()) {
                repeatsSkipped.addAndGet(events.size() - fresh.size());
                LOG.info("{} {}: skipped {} liquidations repeated on subscribing", feed.venue(), feed.channel(),
                        events.size() - fresh.size());
            }
            return fresh;
        }

        @Override
        public void onHealth(FeedHealth health) {
            try {
                health(List.of(health));
                if (feed.repeatsOnSubscribe() && health.getState() != FeedState.GAP) {
                    subscribedAt = health.getEventTime();
                }
                if (feed.watchedForSilence()) {
                    silence.connection(feed, health);
                }
            } catch (IOException e) {
                failed(e);
            }
        }

        private void health(List<FeedHealth> records) throws IOException {
            for (FeedHealth health : records) {
                sink.feedHealth(health);
                feedHealth.incrementAndGet();
            }
        }
    }
}
