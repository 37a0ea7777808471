package io.cascaderadar.jobs.ingest;

/**
 * The liquidation ids one venue counted within the de-duplication horizon: each id's 8-byte fingerprint, the event
 * time it was first counted at, and whether a retraction took it back. An open-addressing hash table (linear
 * probing, deletion by backward shift) in one array of longs, each slot an id beside its time and withdrawal: a
 * lookup of an id not in the cache (most of them, once a crash fills the table) misses it once, not once per
 * array. And a ring of the ids in the order they were counted, from which they expire. A shard of a venue's ids in keyed state: the de-duplication touches its state once or twice
 * per event instead of once per map lookup (those lookups were most of a replay's ingest thread). Checkpointed by
 * {@link SeenIdsSerializer}: the ids alone, not the empty slots of the table.
 */
public final class SeenIds {
    private static final int INITIAL_CAPACITY = 8;

    /**
     * Two longs per slot: the fingerprint, 0 for an empty slot (a fingerprint of 0 is stored as 1), then the event
     * time it was first counted at, shifted left by one, its lowest bit set while the id is withdrawn.
     */
    private long[] table;
    /** Slots in the table, a power of two. */
    private int capacity;
    private int size;
    /** The ids and the times they were counted at, in that order: a ring of {@code queued} from {@code head}. */
    private long[] queueIds;
    private long[] queueTimes;
    private int head;
    private int queued;
    /** The latest expiry time a timer was registered for: one per minute, not one per id. */
    private long latestExpiry = Long.MIN_VALUE;

    private SeenIds(int capacity) {
        this.capacity = capacity;
        table = new long[2 * capacity];
        queueIds = new long[capacity];
        queueTimes = new long[capacity];
    }

    public static SeenIds empty() {
        return new SeenIds(INITIAL_CAPACITY);
    }

    /** Room for {@code n} ids without growing. */
    static SeenIds withRoomFor(int n) {
        return new SeenIds(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1));
    }

    /**
     * Records that the ids expire at {@code expiry}; whether that is later than any expiry recorded before, and so
     * needs a timer of its own.
     */
    public boolean expiresLater(long expiry) {
        if (expiry <= latestExpiry) {
            return false;
        }
        latestExpiry = expiry;
        return true;
    }

    /** The slot holding an id, or -1. */
    public int find(long fingerprint) {
        long id = stored(fingerprint);
        int mask = capacity - 1;
        for (int i = home(id, mask); table[2 * i] != 0; i = (i + 1) & mask) {
            if (table[2 * i] == id) {
                return i;
            }
        }
        return -1;
    }

    public long firstSeen(int slot) {
        return table[2 * slot + 1] >> 1;
    }

    public boolean withdrawn(int slot) {
        return (table[2 * slot + 1] & 1) != 0;
    }

    public void withdraw(int slot) {
        table[2 * slot + 1] |= 1;
    }

    /** Counts a withdrawn id again (mined again in the new chain), from the time it was first counted. */
    public void reinstate(int slot) {
        table[2 * slot + 1] &= ~1L;
    }

    /** Counts an id not seen within the horizon from {@code time}: not withdrawn, and expiring a horizon after it. */
    public void count(long fingerprint, long time) {
        put(fingerprint, time, false);
    }

    /** An id as it was checkpointed. */
    void restore(long fingerprint, long time, boolean isWithdrawn) {
        put(fingerprint, time, isWithdrawn);
    }

    private void put(long fingerprint, long time, boolean isWithdrawn) {
        int slot = find(fingerprint);
        if (slot < 0) {
            if (2 * (size + 1) > capacity) {
                rehash(2 * capacity);
            }
            long id = stored(fingerprint);
            int mask = capacity - 1;
            slot = home(id, mask);
            while (table[2 * slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = id;
            size++;
        }
        table[2 * slot + 1] = time << 1 | (isWithdrawn ? 1 : 0);
        enqueue(stored(fingerprint), time);
    }

    /** What is checkpointed: each id counted, in the order it was counted. */
    interface CountedId {
        void accept(long id, long time, boolean withdrawn) throws java.io.IOException;
    }

    void forEachCounted(CountedId action) throws java.io.IOException {
        for (int i = 0; i < queued; i++) {
            int q = (head + i) % queueIds.length;
            int slot = find(queueIds[q]);
            // An id counted again since is queued twice; its older entry is not the one in the table.
            if (slot >= 0 && firstSeen(slot) == queueTimes[q]) {
                action.accept(table[2 * slot], firstSeen(slot), withdrawn(slot));
            }
        }
    }

    long latestExpiry() {
        return latestExpiry;
    }

    void latestExpiry(long expiry) {
        latestExpiry = expiry;
    }

    public int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    int queued() {
        return queued;
    }

    /** A deep copy (the heap backend copies a value that a running checkpoint still reads before it changes). */
    SeenIds copy() {
        SeenIds c = new SeenIds(0);
        c.table = table.clone();
        c.capacity = capacity;
        c.size = size;
        c.queueIds = queueIds.clone();
        c.queueTimes = queueTimes.clone();
        c.head = head;
        c.queued = queued;
        c.latestExpiry = latestExpiry;
        return c;
    }

    /**
     * Forgets the ids counted more than {@code horizonMillis} before {@code now}, oldest first; an id counted again
     * since stays. Ids are queued in the order they came, which is event-time order up to the out-of-orderness, so
     * one may stay a little longer than its horizon: whether an id is a repeat is decided by its time, not by this.
     */
    public void expire(long now, long horizonMillis) {
        while (queued > 0 && queueTimes[head] + horizonMillis < now) {
            int slot = find(queueIds[head]);
            if (slot >= 0 && firstSeen(slot) + horizonMillis < now) {
                removeAt(slot);
            }
            head = (head + 1) % queueIds.length;
            queued--;
        }
        if (capacity > INITIAL_CAPACITY && 8 * size < capacity) {
            rehash(capacity / 2); // after a crash's hour, give its memory back
            resizeQueue(Math.max(INITIAL_CAPACITY, queueIds.length / 2));
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private void enqueue(long id, long time) {
        if (queued == queueIds.length) {
            resizeQueue(2 * queued);
        }
        int tail = (head + queued) % queueIds.length;
        queueIds[tail] = id;
        queueTimes[tail] = time;
        queued++;
    }

    private void resizeQueue(int capacity) {
        if (capacity < queued) {
            return;
        }
        long[] newIds = new long[capacity];
        long[] newTimes = new long[capacity];
        for (int i = 0; i < queued; i++) {
            newIds[i] = queueIds[(head + i) % queueIds.length];
            newTimes[i] = queueTimes[(head + i) % queueIds.length];
        }
        queueIds = newIds;
        queueTimes = newTimes;
        head = 0;
    }

    /** Empties a slot and moves back the entries after it that would no longer be found. */
    private void removeAt(int slot) {
        int mask = capacity - 1;
        int gap = slot;
        for (int i = (gap + 1) & mask; table[2 * i] != 0; i = (i + 1) & mask) {
            int home = home(table[2 * i], mask);
            // The entry at i may fill the gap when its home is not cyclically within (gap, i].
            boolean stays = gap <= i ? (gap < home && home <= i) : (gap < home || home <= i);
            if (!stays) {
                table[2 * gap] = table[2 * i];
                table[2 * gap + 1] = table[2 * i + 1];
                gap = i;
            }
        }
        table[2 * gap] = 0;
        table[2 * gap + 1] = 0;
        size--;
    }

    private void rehash(int newCapacity) {
        long[] old = table;
        table = new long[2 * newCapacity];
        capacity = newCapacity;
        int mask = newCapacity - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                int slot = home(old[i], mask);
                while (table[2 * slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[2 * slot] = old[i];
                table[2 * slot + 1] = old[i + 1];
            }
        }
    }

    private static long stored(long fingerprint) {
        return fingerprint == 0 ? 1 : fingerprint;
    }

    /** Fingerprints are hashes already: folded, they pick the slot. */
    private static int home(long id, int mask) {
        return Long.hashCode(id) & mask;
    }
}
