package io.cascaderadar.jobs.ingest;

/**
 * The liquidation ids one venue counted within the de-duplication horizon: each id's 8-byte fingerprint, the event
 * time it was first counted at, and whether a retraction took it back. An open-addressing hash table of primitive
 * arrays (linear probing, deletion by backward shift), and a ring of the ids in the order they were counted, from
 * which they expire. A shard of a venue's ids in keyed state: the de-duplication touches its state once or twice
 * per event instead of once per map lookup (those lookups were most of a replay's ingest thread). Checkpointed by
 * {@link SeenIdsSerializer}: the ids alone, not the empty slots of the table.
 */
public final class SeenIds {
    private static final int INITIAL_CAPACITY = 8;

    /** Fingerprints by slot; 0 marks an empty slot (a fingerprint of 0 is stored as 1). */
    private long[] ids;
    private long[] firstSeen;
    private boolean[] withdrawn;
    private int size;
    /** The ids and the times they were counted at, in that order: a ring of {@code queued} from {@code head}. */
    private long[] queueIds;
    private long[] queueTimes;
    private int head;
    private int queued;
    /** The latest expiry time a timer was registered for: one per minute, not one per id. */
    private long latestExpiry = Long.MIN_VALUE;

    private SeenIds(int capacity) {
        ids = new long[capacity];
        firstSeen = new long[capacity];
        withdrawn = new boolean[capacity];
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
        int mask = ids.length - 1;
        for (int i = home(id, mask); ids[i] != 0; i = (i + 1) & mask) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    public long firstSeen(int slot) {
        return firstSeen[slot];
    }

    public boolean withdrawn(int slot) {
        return withdrawn[slot];
    }

    public void withdraw(int slot) {
        withdrawn[slot] = true;
    }

    /** Counts a withdrawn id again (mined again in the new chain), from the time it was first counted. */
    public void reinstate(int slot) {
        withdrawn[slot] = false;
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
            if (2 * (size + 1) > ids.length) {
                rehash(2 * ids.length);
            }
            long id = stored(fingerprint);
            int mask = ids.length - 1;
            slot = home(id, mask);
            while (ids[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            ids[slot] = id;
            size++;
        }
        firstSeen[slot] = time;
        withdrawn[slot] = isWithdrawn;
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
            if (slot >= 0 && firstSeen[slot] == queueTimes[q]) {
                action.accept(ids[slot], firstSeen[slot], withdrawn[slot]);
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
        return ids.length;
    }

    int queued() {
        return queued;
    }

    /** A deep copy (the heap backend copies a value that a running checkpoint still reads before it changes). */
    SeenIds copy() {
        SeenIds c = new SeenIds(0);
        c.ids = ids.clone();
        c.firstSeen = firstSeen.clone();
        c.withdrawn = withdrawn.clone();
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
            if (slot >= 0 && firstSeen[slot] + horizonMillis < now) {
                removeAt(slot);
            }
            head = (head + 1) % queueIds.length;
            queued--;
        }
        if (ids.length > INITIAL_CAPACITY && 8 * size < ids.length) {
            rehash(ids.length / 2); // after a crash's hour, give its memory back
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
        int mask = ids.length - 1;
        int gap = slot;
        for (int i = (gap + 1) & mask; ids[i] != 0; i = (i + 1) & mask) {
            int home = home(ids[i], mask);
            // The entry at i may fill the gap when its home is not cyclically within (gap, i].
            boolean stays = gap <= i ? (gap < home && home <= i) : (gap < home || home <= i);
            if (!stays) {
                ids[gap] = ids[i];
                firstSeen[gap] = firstSeen[i];
                withdrawn[gap] = withdrawn[i];
                gap = i;
            }
        }
        ids[gap] = 0;
        withdrawn[gap] = false;
        size--;
    }

    private void rehash(int capacity) {
        long[] oldIds = ids;
        long[] oldFirst = firstSeen;
        boolean[] oldWithdrawn = withdrawn;
        ids = new long[capacity];
        firstSeen = new long[capacity];
        withdrawn = new boolean[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                int slot = home(oldIds[i], mask);
                while (ids[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                ids[slot] = oldIds[i];
                firstSeen[slot] = oldFirst[i];
                withdrawn[slot] = oldWithdrawn[i];
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
