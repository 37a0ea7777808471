package io.cascaderadar.jobs.cli;

import io.cascaderadar.stack.LocalStack;
import io.cascaderadar.stack.StackConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code radar stack up|down|status}: the local stack of real servers. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"The local stack: a Kafka broker (KRaft), Apicurio Registry (Confluent API) and InfluxDB (installed with",
                "apt-get where missing, as root), on loopback; state and logs in RADAR_STACK_DIR (default ~/.cascade-radar/stack); ports from RADAR_KAFKA_PORT,",
                "RADAR_REGISTRY_PORT, RADAR_INFLUXDB_PORT, RADAR_FLINK_PORT (defaults 9092, 8081, 8086, 8088)."},
        subcommands = {StackCommand.Up.class, StackCommand.Down.class, StackCommand.Status.class})
public final class StackCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static LocalStack stack() {
        return new LocalStack(StackConfig.fromEnvironment(StackConfig.homeFromSystemProperty(), System.getenv()),
                System.getenv());
    }

    static void print(LocalStack stack) {
        for (LocalStack.PartStatus part : stack.status()) {
            System.out.printf("%-9s %-40s %-13s %-8s %s%n", part.name(), part.url(), part.state(),
                    part.pid() == null ? "" : "pid " + part.pid(), part.note());
        }
    }

    @Command(name = "up", description = "Starts every part that is not running and waits until each answers.")
    static final class Up implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            LocalStack stack = stack();
            long started = System.nanoTime();
            stack.up();
            System.out.printf("stack up in %.1f s, state in %s%n", (System.nanoTime() - started) / 1e9, stack.config().stateDir());
            print(stack);
            return 0;
        }
    }

    @Command(name = "down", description = "Stops every part the stack started.")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            stack().down();
            System.out.println("stack down");
            return 0;
        }
    }

    @Command(name = "status", description = "Each part's URL, whether it answers, its pid and log.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            print(stack());
            return 0;
        }
    }
}
