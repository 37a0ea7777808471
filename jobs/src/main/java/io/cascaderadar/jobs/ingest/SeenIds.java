package io.cascaderadar.jobs.ingest;

/**
 * The liquidation ids one venue counted within the de-duplication horizon: each id's 8-byte fingerprint, the event
 * time it was first counted at, and whether a retraction took it back. An open-addressing hash table (linear
 * probing) in one array of longs, each slot an id beside its time and withdrawal, and a byte per slot, its tag: a
 * lookup reads the tags, a sixteenth of the table's size, and the table only where a tag matches. Once a crash fills
 * the table most ids are new, and the cache holds more of their tags than it would of the table (JMH
 * {@code countNewId}, benchmarks/README.md). And a ring of the ids in the order they were counted, from which they
 * expire. A shard of a venue's ids in keyed state: the de-duplication touches its state once or twice per event
 * instead of once per map lookup (those lookups were most of a replay's ingest thread). Checkpointed by
 * {@link SeenIdsSerializer}: the ids alone, not the empty slots of the table.
 *
 * <p>Expired ids leave the table lazily: an id first counted before the expiry's cut-off reads as absent at once,
 * and its slot is reclaimed when the table next fills or empties, in one pass over it in memory order: rebuilt
 * when it grows or shrinks, purged in place when its size stays. Removing each id as it expired looked it up again
 * an hour after it was counted, long out of the cache: a third of the de-duplication's time.
 */
public final class SeenIds {
    private static final int INITIAL_CAPACITY = 8;
    /**
     * A table shrinks once its ids fill less than this fraction of its slots: when a crash's hour of ids has expired,
     * not on the way. Shrinking below an eighth rebuilt a table over and over while its crash's ids expired, and a
     * table that had just shrunk grew again at the next burst (those rebuilds were 1.4% of the full detector's CPU
     * samples in a replay's profile). A table holds its crash's size longer; its largest size is the same.
     */
    private static final int SHRINK_BELOW = 32;

    /**
     * Two longs per slot: the fingerprint, then the event time it was first counted at, shifted left by one, its
     * lowest bit set while the id is withdrawn.
     */
    private long[] table;
    /** A byte per slot: 0 for an empty slot, else {@link #tag} of its fingerprint. */
    private byte[] tags;
    /** Slots in the table, a power of two. */
    private int capacity;
    /** Slots taken, by ids counted or expired. */
    private int used;
    /** Ids first counted before this have expired. */
    private long expiredBefore = Long.MIN_VALUE;
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
        tags = new byte[capacity];
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

    /** The slot holding an id counted and not expired, or -1. */
    public int find(long fingerprint) {
        int slot = slotOf(fingerprint);
        return slot >= 0 && !expired(slot) ? slot : -1;
    }

    /** The slot holding an id, expired or not, or -1. */
    private int slotOf(long id) {
        int mask = capacity - 1;
        byte tag = tag(id);
        for (int i = home(id, mask); tags[i] != 0; i = (i + 1) & mask) {
            if (tags[i] == tag && table[2 * i] == id) {
                return i;
            }
        }
        return -1;
    }

    private boolean expired(int slot) {
        return firstSeen(slot) < expiredBefore;
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

    private void put(long id, long time, boolean isWithdrawn) {
        int slot = slotOf(id);
        if (slot < 0) {
            if (2 * (used + 1) > capacity) {
                rebuild(1);
            }
            slot = freeSlot(id);
            occupy(slot, id);
            used++;
        }
        table[2 * slot + 1] = time << 1 | (isWithdrawn ? 1 : 0);
        enqueue(id, time);
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

    /** The ids counted and not expired: one pass over the table (for checkpoints and tests). */
    public int size() {
        int live = 0;
        for (int slot = 0; slot < capacity; slot++) {
            if (tags[slot] != 0 && !expired(slot)) {
                live++;
            }
        }
        return live;
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
        c.tags = tags.clone();
        c.capacity = capacity;
        c.used = used;
        c.expiredBefore = expiredBefore;
        c.queueIds = queueIds.clone();
        c.queueTimes = queueTimes.clone();
        c.head = head;
        c.queued = queued;
        c.latestExpiry = latestExpiry;
        return c;
    }

    /**
     * Forgets the ids counted more than {@code horizonMillis} before {@code now}; an id counted again since stays.
     * They read as absent at once and leave the ring of ids, oldest first; their slots are reclaimed by the next
     * rebuild of the table, which comes at once when fewer ids are left than {@link #SHRINK_BELOW the thirty-second} of
     * its slots (after a crash's hour, its memory goes back).
     */
    public void expire(long now, long horizonMillis) {
        expiredBefore = Math.max(expiredBefore, now - horizonMillis);
        while (queued > 0 && queueTimes[head] < expiredBefore) {
            head = (head + 1) % queueIds.length;
            queued--;
        }
        // Every id not expired has its latest count in the ring: fewer queued, fewer ids.
        if (capacity > INITIAL_CAPACITY && SHRINK_BELOW * queued < capacity) {
            rebuild(0);
            resizeQueue(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, 2 * queued))));
        }
    }

    /** Whether every id counted has expired. */
    public boolean isEmpty() {
        return queued == 0;
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

    /**
     * The ids not expired, with room for {@code more}, into a table at most a third full: until the next rebuild at
     * least half as many ids can be counted as the table holds now, which pays for this pass over it. Sized by the
     * ids queued, which are at least those not expired (every one has its latest count in the ring). The slack for
     * expired ids makes the table up to half as large again as one that removed each id as it expired.
     */
    private void rebuild(int more) {
        int live = queued + more;
        int newCapacity = Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, 3 * live - 1)) << 1);
        if (newCapacity == capacity) {
            purge();
            return;
        }
        long[] old = table;
        byte[] oldTags = tags;
        table = new long[2 * newCapacity];
        tags = new byte[newCapacity];
        capacity = newCapacity;
        used = 0;
        for (int i = 0; i < oldTags.length; i++) {
            if (oldTags[i] != 0 && (old[2 * i + 1] >> 1) >= expiredBefore) {
                int slot = freeSlot(old[2 * i]);
                occupy(slot, old[2 * i]);
                table[2 * slot + 1] = old[2 * i + 1];
                used++;
            }
        }
    }

    /**
     * Drops the expired ids in place, at an unchanged size: a new array for each purge was 50 to 100 bytes of garbage
     * per id counted in a steady stream.
     */
    private void purge() {
        int i = 0;
        while (i < capacity) {
            if (tags[i] != 0 && expired(i)) {
                removeAt(i); // a later entry may have moved into slot i: it is looked at next
            } else {
                i++;
            }
        }
    }

    /**
     * Empties a slot and moves back the entries after it that would no longer be found. Entries move only into the
     * gap, which starts at {@code slot} and goes forward (past the end, to the start): an entry purge has not looked
     * at yet never moves before the slot it is at.
     */
    private void removeAt(int slot) {
        int mask = capacity - 1;
        int gap = slot;
        for (int i = (gap + 1) & mask; tags[i] != 0; i = (i + 1) & mask) {
            int home = home(table[2 * i], mask);
            // The entry at i may fill the gap when its home is not cyclically within (gap, i].
            boolean stays = gap <= i ? (gap < home && home <= i) : (gap < home || home <= i);
            if (!stays) {
                tags[gap] = tags[i];
                table[2 * gap] = table[2 * i];
                table[2 * gap + 1] = table[2 * i + 1];
                gap = i;
            }
        }
        tags[gap] = 0;
        used--;
    }

    /** The first empty slot from an id's home on: where it goes in. */
    private int freeSlot(long id) {
        int mask = capacity - 1;
        int slot = home(id, mask);
        while (tags[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void occupy(int slot, long id) {
        tags[slot] = tag(id);
        table[2 * slot] = id;
    }

    /**
     * Seven bits of a fingerprint that do not pick its shard (the top six) nor, below 2^18 slots, its home, and the
     * eighth set: a lookup of an id absent reads the table at one occupied slot in 128.
     */
    private static byte tag(long id) {
        return (byte) (0x80 | (int) (id >>> 50) & 0x7F);
    }

    /** Fingerprints are hashes already: folded, they pick the slot. */
    private static int home(long id, int mask) {
        return Long.hashCode(id) & mask;
    }
}
