package io.cascaderadar.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that a test or a stack starts as processes of their own, which bind them later: distinct, free
 * now, and below the kernels' ephemeral ranges (32768 and up on Linux, 49152 and up elsewhere). A port from binding
 * port 0 is from that range, where any outgoing connection (the parts of a stack connect to each other while they
 * start) may take it before its server binds it: in CI a registry once failed to start so, its port in use.
 */
public final class FreePorts {
    private static final int LOWEST = 10_000;
    private static final int ABOVE_HIGHEST = 32_768;

    private FreePorts() {}

    public static int[] pick(int count) throws IOException {
        Set<Integer> ports = new LinkedHashSet<>();
        for (int tried = 0; ports.size() < count; tried++) {
            if (tried == 10_000) {
                throw new IOException("no " + count + " free ports between " + LOWEST + " and " + (ABOVE_HIGHEST - 1));
            }
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST);
            if (!ports.contains(port) && isFree(port)) {
                ports.add(port);
            }
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
