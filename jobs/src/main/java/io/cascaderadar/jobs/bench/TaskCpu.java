package io.cascaderadar.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a job's CPU goes: each Java thread's CPU time while it runs, summed by thread name, so that a Flink task's
 * subtasks count together (their threads are named after the task's chain of operators). What no Java thread
 * accounts for is the JVM's own work: its garbage collector and JIT compiler. Threads are sampled every
 * {@value #SAMPLE_MILLIS} ms, so a thread that ends loses at most its last {@value #SAMPLE_MILLIS} ms; a job's
 * tasks are idle by then.
 */
final class TaskCpu implements AutoCloseable {
    static final String JVM_ITSELF = "the JVM's own threads (garbage collector, JIT compiler)";
    private static final long SAMPLE_MILLIS = 100;
    /** A subtask's index and attempt, after the task's name: {@code (1/2)#0}. */
    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)#\\d+$");

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean process =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> lastByThread = new HashMap<>();
    private final Map<String, Long> nanosByName = new HashMap<>();
    private final long processAtStart;
    private final Thread sampler;
    private long processNanos;

    private TaskCpu() {
        sample();
        nanosByName.clear();
        processAtStart = process.getProcessCpuTime();
        sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "bench task-cpu sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static TaskCpu start() {
        return new TaskCpu();
    }

    /** Stops sampling, after a last sample. */
    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        sample();
        processNanos = process.getProcessCpuTime() - processAtStart;
    }

    /** CPU seconds by thread name, most first, then {@link #JVM_ITSELF}; after {@link #close}. */
    Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        nanosByName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> seconds.put(e.getKey(), e.getValue() / 1e9));
        long threadNanos = nanosByName.values().stream().mapToLong(Long::longValue).sum();
        seconds.put(JVM_ITSELF, Math.max(0, processNanos - threadNanos) / 1e9);
        return seconds;
    }

    /** The process's CPU seconds between start and {@link #close}. */
    double processSeconds() {
        return processNanos / 1e9;
    }

    private synchronized void sample() {
        long[] ids = threads.getAllThreadIds();
        long[] cpu = threads.getThreadCpuTime(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] < 0 || infos[i] == null) {
                continue; // ended meanwhile
            }
            Long last = lastByThread.put(ids[i], cpu[i]);
            String name = SUBTASK.matcher(infos[i].getThreadName()).replaceFirst("");
            nanosByName.merge(name, cpu[i] - (last == null ? 0 : last), Long::sum);
        }
    }
}
