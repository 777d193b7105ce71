package io.equisweep.driver.spark;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkConf;

/**
 * Every {@code spark.equisweep.*} setting, declared once with its meaning and default (as Spark declares its
 * own config entries). Set them like any Spark setting: {@code --conf}, {@code spark-defaults.conf}, or
 * {@code -D} on an embedded run. The README's table lists {@link #ALL}; a test holds it to this list.
 */
public final class EquisweepConf {
    /** One setting: its key, what it does, its default as written in a config file, and how it is read. */
    public record Entry<T>(String key, String doc, String defaultValue, Function<String, T> parse) {
        public T get(SparkConf conf) {
            return parse.apply(conf.get(key, defaultValue));
        }
    }

    public static final Entry<Long> BROADCAST_MAX_BYTES = new Entry<>("spark.equisweep.broadcast.maxBytes",
            "datasets up to this many bytes of arrays are sent to every executor once as a broadcast; larger ones are "
                    + "read by each executor from their location", String.valueOf(1L << 30), Long::parseLong);
    public static final Entry<Boolean> BROADCAST_IN_LOCAL_MODE = new Entry<>("spark.equisweep.broadcast.local",
            "broadcast datasets in local mode too (tasks share the driver's JVM there, so it is off)", "false",
            Boolean::parseBoolean);
    public static final Entry<Integer> CELL_SLOTS = new Entry<>("spark.equisweep.cellSlots",
            "cells run at once; set by equisweep for local masters (local[N] runs as local[N+1], the spare thread "
                    + "committing), otherwise every task slot", "", s -> s.isEmpty() ? 0 : Integer.parseInt(s));
    public static final Entry<String> REQUESTED_MASTER = new Entry<>("spark.equisweep.requestedMaster",
            "set by equisweep: the master as given, when it started Spark with one thread more", "", s -> s);
    public static final Entry<List<String>> HALT_EXECUTOR_ON_FIRST_ATTEMPT = new Entry<>(
            "spark.equisweep.test.haltExecutorOnFirstAttempt",
            "fault injection for tests: comma-separated cell ids whose first task attempt halts its executor "
                    + "(exit 97), as a lost executor; ignored in local mode", "",
            s -> s.isEmpty() ? List.of() : List.of(s.split(",")));

    public static final Entry<Long> ABANDONED_AFTER_SECONDS = new Entry<>("spark.equisweep.recovery.abandonedAfterSeconds",
            "a file still being written (or a _temporary folder) untouched this long was left by a killed writer, and the "
                    + "next run or compact removes it; younger ones may belong to a live writer and are left alone",
            "600", Long::parseLong);

    public static final Entry<Long> CLAIM_TIMEOUT_SECONDS = new Entry<>("spark.equisweep.claims.timeoutSeconds",
            "a driver claims each cell before running it and keeps the claim fresh; a claim untouched this long "
                    + "belongs to a driver that died, and another driver takes the cell over", "120", Long::parseLong);

    public static final Entry<Long> EVALUATION_CACHE_BYTES = new Entry<>("spark.equisweep.evaluation.cacheBytes",
            "bytes of transformed test sets (rotated, reflected) each JVM keeps for the cells it runs after, least "
                    + "recently used evicted; empty: the smaller of 1 GiB and a quarter of the JVM's maximum heap; 0: none",
            "", s -> s.isBlank() ? null : Long.parseLong(s.trim()));

    public static final List<Entry<?>> ALL = List.of(BROADCAST_MAX_BYTES, BROADCAST_IN_LOCAL_MODE, CELL_SLOTS,
            EVALUATION_CACHE_BYTES, REQUESTED_MASTER, CLAIM_TIMEOUT_SECONDS, ABANDONED_AFTER_SECONDS, HALT_EXECUTOR_ON_FIRST_ATTEMPT);

    private EquisweepConf() {
    }
}
