package io.equisweep.driver.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone master and workers on 127.0.0.1, started with cluster-conf/standalone's scripts
 * from the distribution that module assembles, and the shaded application jar submitted to it with
 * SparkSubmit as a user would. Everything it starts it stops by PID, also when a test fails.
 */
final class LocalStandaloneCluster implements AutoCloseable {
    static final List<String> JAVA_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

    final Path root = Path.of(System.getProperty("equisweep.root"));
    final Path sparkHome = root.resolve("cluster-conf/standalone/target/spark-home");
    final Path appJar = Path.of(System.getProperty("equisweep.appJar"));
    final Path dir;
    final Path conf;
    final String masterUrl;
    private final String secret = UUID.randomUUID().toString();
    private final List<Process> submits = new ArrayList<>();
    private final List<Long> daemons = new ArrayList<>();

    LocalStandaloneCluster(Path dir, int workers, int coresPerWorker, String workerMemory) throws Exception {
        this.dir = dir;
        if (!Files.isDirectory(sparkHome.resolve("jars")) || !Files.isRegularFile(appJar)) {
            throw new IllegalStateException("needs " + sparkHome + " and " + appJar + ": run 'mvn package' first");
        }
        this.conf = testConf(dir.resolve("spark-defaults.conf"));
        int port = freePort();
        ProcessBuilder start = new ProcessBuilder("bash", root.resolve("cluster-conf/standalone/start-local-cluster.sh").toString(),
                dir.toString(), "--workers", String.valueOf(workers), "--cores", String.valueOf(coresPerWorker),
                "--memory", workerMemory, "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile());
        environment(start.environment());
        start.environment().put("EQUISWEEP_SPARK_CONF", conf.toString());
        Process p = start.start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String log = Files.readString(dir.resolve("start.log"));
        if (!done || p.exitValue() != 0) {
            killTree(p.toHandle());
            killByPidFiles();
            throw new IllegalStateException("the standalone cluster did not start:\n" + log);
        }
        this.masterUrl = log.strip().lines().reduce((a, b) -> b).orElseThrow();
        daemons.add(pid("master"));
        for (int i = 1; i <= workers; i++) {
            daemons.add(pid("worker-" + i));
        }
    }

    /**
     * The committed cluster-conf/spark-defaults.conf, with the JavaCPP cache pointed at the build's
     * (so executors do not unpack ~400 MB of natives again) and executors sized for a 2-core machine.
     */
    private Path testConf(Path target) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(root.resolve("cluster-conf/spark-defaults.conf"))) {
            p.load(in);
        }
        for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
            String value = p.getProperty(key);
            if (value == null || !value.contains("-Dorg.bytedeco.javacpp.cachedir=")) {
                throw new IllegalStateException(key + " in cluster-conf/spark-defaults.conf lost the JavaCPP cache dir");
            }
            p.setProperty(key, value.replaceAll("-Dorg\\.bytedeco\\.javacpp\\.cachedir=\\S+",
                    "-Dorg.bytedeco.javacpp.cachedir=" + root.resolve("target/javacpp")));
        }
        p.setProperty("spark.driver.memory", "1g");
        p.setProperty("spark.executor.memory", "1g");
        // spark-defaults.conf's own format (key, whitespace, value): Properties.store would escape '=' and ':'.
        StringBuilder text = new StringBuilder("# cluster-conf/spark-defaults.conf for the standalone integration test\n");
        new TreeMap<>(p).forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
        Files.writeString(target, text);
        return target;
    }

    private void environment(Map<String, String> env) {
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("_SPARK_AUTH_SECRET", secret);
        env.put("OMP_NUM_THREADS", "1");
    }

    /** Starts {@code spark-submit ... equisweep.jar ARGS}; its output goes to {@code log}. */
    Process submit(String deployMode, Path log, Map<String, String> settings, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(JAVA_OPENS);
        command.addAll(List.of("-cp", sparkHome.resolve("conf") + ":" + sparkHome.resolve("jars") + "/*",
                "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl, "--deploy-mode", deployMode,
                "--properties-file", conf.toString(), "--class", "io.equisweep.driver.cli.Main"));
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("spark.standalone.submit.waitAppCompletion", "true");
        // One executor per worker, each registered before the first cell is scheduled.
        all.putIfAbsent("spark.executor.cores", "1");
        all.putIfAbsent("spark.cores.max", "2");
        all.putIfAbsent("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        all.putIfAbsent("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
        all.forEach((k, v) -> command.addAll(List.of("--conf", k + "=" + v)));
        command.add(appJar.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb.environment());
        Process p = pb.start();
        submits.add(p);
        return p;
    }

    /** Waits for a submit; on timeout kills it (and what it started) and fails with its log. */
    static int await(Process p, Path log, long seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            killTree(p.toHandle());
            throw new AssertionError("spark-submit did not finish in " + seconds + " s:\n" + tail(log));
        }
        return p.exitValue();
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    long pid(String daemon) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(daemon + ".pid")).strip());
    }

    /** SIGKILLs a worker daemon and its executors and drivers, as when its machine dies. */
    void killWorker(int index) throws IOException {
        ProcessHandle.of(pid("worker-" + index)).ifPresent(LocalStandaloneCluster::killTree);
    }

    /** The executor ids whose folders this worker's work dir holds, over all applications. */
    List<String> executorIdsOnWorker(int index) throws IOException {
        try (Stream<Path> apps = Files.list(dir.resolve("work-" + index))) {
            List<String> ids = new ArrayList<>();
            for (Path app : apps.filter(a -> a.getFileName().toString().startsWith("app-")).toList()) {
                try (Stream<Path> executors = Files.list(app)) {
                    executors.filter(Files::isDirectory).forEach(e -> ids.add(app.getFileName() + "/" + e.getFileName()));
                }
            }
            return ids;
        }
    }

    /** Cluster-mode drivers' logs, for failure messages. */
    String driverLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(f -> f.toString().contains("/driver-") && f.getFileName().toString().equals("stderr")).toList()) {
                all.append("== ").append(f).append('\n').append(tail(f)).append('\n');
            }
        }
        return all.toString();
    }

    static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() throws Exception {
        submits.forEach(p -> killTree(p.toHandle()));
        Process stop = new ProcessBuilder("bash", root.resolve("cluster-conf/standalone/stop-local-cluster.sh").toString(),
                dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stop.log").toFile()).start();
        stop.waitFor(60, TimeUnit.SECONDS);
        // Whatever the script could not stop, by the PIDs the start wrote.
        daemons.forEach(pid -> ProcessHandle.of(pid).ifPresent(LocalStandaloneCluster::killTree));
        killByPidFiles();
    }

    private void killByPidFiles() throws IOException {
        try (Stream<Path> pids = Files.list(dir)) {
            for (Path f : pids.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(f).strip())).ifPresent(LocalStandaloneCluster::killTree);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
