package io.cascaderadar.jobs.ingest;

/**
 * The liquidation ids one venue counted within the de-duplication horizon: each id's 8-byte fingerprint, the event
 * time it was first counted at, and whether a retraction took it back. An open-addressing hash table of primitive
 * arrays (linear probing, deletion by backward shift), and a ring of the ids in the order they were counted, from
 * which they expire. A Flink POJO, a shard of a venue's ids in keyed state: the de-duplication touches its state once
 * or twice per event instead of once per map lookup (those lookups were most of a replay's ingest thread).
 */
public class SeenIds {
    private static final int INITIAL_CAPACITY = 8;

    /** Fingerprints by slot; 0 marks an empty slot (a fingerprint of 0 is stored as 1). */
    public long[] ids;
    public long[] firstSeen;
    public boolean[] withdrawn;
    public int size;
    /** The ids and the times they were counted at, in that order: a ring of {@code queued} from {@code head}. */
    public long[] queueIds;
    public long[] queueTimes;
    public int head;
    public int queued;
    /** The latest expiry timer registered for these ids: one per minute, not one per id. */
    public long expiryTimer = Long.MIN_VALUE;

    public SeenIds() {}

    public static SeenIds empty() {
        SeenIds s = new SeenIds();
        s.ids = new long[INITIAL_CAPACITY];
        s.firstSeen = new long[INITIAL_CAPACITY];
        s.withdrawn = new boolean[INITIAL_CAPACITY];
        s.queueIds = new long[INITIAL_CAPACITY];
        s.queueTimes = new long[INITIAL_CAPACITY];
        return s;
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
        withdrawn[slot] = false;
        enqueue(stored(fingerprint), time);
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
