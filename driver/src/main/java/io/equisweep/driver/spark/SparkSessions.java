package io.equisweep.driver.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the SparkSession: embedded ({@code local[*]}) unless a master is given on the command line or
 * by {@code spark-submit}; Kryo with registration required always.
 */
public final class SparkSessions {
    public static final String DEFAULT_MASTER = "local[*]";
    /** Spark's own variable for the shared secret of {@code spark.authenticate} (read by every daemon). */
    public static final String AUTH_SECRET_ENV = "_SPARK_AUTH_SECRET";
    private static final java.util.regex.Pattern LOCAL = java.util.regex.Pattern.compile(
            "local(?:\\[(\\*|\\d+)(,\\d+)?])?");

    private SparkSessions() {
    }

    /**
     * @param appName        shown in the Spark UI
     * @param masterOverride {@code --master} from the command line, or {@code null}
     */
    public static SparkSession create(String appName, String masterOverride) {
        return create(appName, masterOverride, java.util.Map.of());
    }

    /** As {@link #create(String, String)}, with extra settings that take precedence over everything else. */
    public static SparkSession create(String appName, String masterOverride, java.util.Map<String, String> settings) {
        SparkConf conf = new SparkConf(true);
        settings.forEach(conf::set);
        if (masterOverride != null) {
            conf.setMaster(masterOverride);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        conf.setIfMissing("spark.app.name", appName);
        conf.set("spark.serializer", KryoSerializer.class.getName());
        conf.set("spark.kryo.registrationRequired", "true");
        conf.set("spark.kryo.registrator", EquisweepKryoRegistrator.class.getName());
        reserveCommitThread(conf, Runtime.getRuntime().availableProcessors());
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.sql.shuffle.partitions", "4");
        }
        // Parquet files are written from the driver's result rows; no summary files, no _SUCCESS markers
        // inside partition folders that other tools might read as data.
        conf.setIfMissing("spark.hadoop.parquet.summary.metadata.level", "NONE");
        // The cells table has ~50 columns; the default limit (25) warns on every commit's plan.
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
        // Spark lists more than 32 folders (a table with more than 32 sweeps) with a Spark job whose results
        // Kryo would have to know (SerializableFileStatus, ...); listing them on the driver is fast enough.
        conf.setIfMissing("spark.sql.sources.parallelPartitionDiscovery.threshold", String.valueOf(Integer.MAX_VALUE));
        // Retries for lost executors and other task failures outside the cell (cells catch their own).
        conf.setIfMissing("spark.task.maxFailures", "3");
        authenticationSecret(conf, System.getenv(AUTH_SECRET_ENV));
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * Embedded Spark gets one task thread more than the cells it runs at once ({@code local[2]} runs as
     * {@code local[3]} with two cell slots). Each finished cell is committed by a small Spark job; with every
     * thread busy training, that job would wait for a cell to end, so the scheduler used to commit before
     * starting the next cell and the slot idled for the commit (4.7 s for the first, Parquet still cold).
     * The extra thread takes the commits while both slots train. Cluster masters are left alone.
     */
    static void reserveCommitThread(SparkConf conf, int cores) {
        String master = conf.get("spark.master");
        java.util.regex.Matcher m = LOCAL.matcher(master);
        if (!m.matches() || conf.contains(EquisweepConf.CELL_SLOTS.key())) {
            return;
        }
        int threads = m.group(1) == null ? 1 : m.group(1).equals("*") ? cores : Integer.parseInt(m.group(1));
        conf.set(EquisweepConf.CELL_SLOTS.key(), String.valueOf(threads));
        conf.set(EquisweepConf.REQUESTED_MASTER.key(), master);
        conf.setMaster("local[" + (threads + 1) + (m.group(2) == null ? "" : m.group(2)) + "]");
    }

    /** The master to show: as the user gave it. */
    public static String displayedMaster(org.apache.spark.SparkContext sc) {
        return sc.getConf().get(EquisweepConf.REQUESTED_MASTER.key(), sc.master());
    }

    /**
     * With {@code spark.authenticate} on a standalone master, the driver needs the cluster's secret in
     * its configuration; equisweep takes it from the environment (as the master, workers and executors
     * do) so that no secret is ever written into a config file. YARN, Kubernetes and local mode make
     * their own per-application secret.
     */
    static void authenticationSecret(SparkConf conf, String fromEnvironment) {
        String master = conf.get("spark.master");
        if (!conf.getBoolean("spark.authenticate", false) || conf.contains("spark.authenticate.secret")
                || master.startsWith("local") || master.equals("yarn") || master.startsWith("k8s://")) {
            return;
        }
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            throw new SparkSetupException("spark.authenticate is on but no secret was given: export " + AUTH_SECRET_ENV
                    + " with the secret the master and workers were started with");
        }
        conf.set("spark.authenticate.secret", fromEnvironment);
    }
}
