package io.cascaderadar.connectors.feed;

/**
 * A venue source on a thread of its own, from its start until {@link #close()}: what streams and pollers share.
 * Subclasses loop in {@link #run()} while {@link #closed()} is false; close interrupts any wait.
 */
abstract class FeedThread implements AutoCloseable {
    private final Thread thread;
    private volatile boolean closed;

    FeedThread(String name) {
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    final void startThread() {
        thread.start();
    }

    abstract void run();

    final boolean closed() {
        return closed;
    }

    /** Stops the source and waits for its thread; no call to its listener follows. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
