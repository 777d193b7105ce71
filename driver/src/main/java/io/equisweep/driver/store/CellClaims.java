package io.equisweep.driver.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which driver runs which cell, so that several drivers on one results root (different sweeps or the same one)
 * never run a cell twice at once. A claim is a small file, {@code _claims/<sweep>/<cell id>.claim}, created only
 * if absent and kept fresh by its driver's heartbeat (its modification time); one untouched for the timeout
 * belongs to a driver that died, and another may take it over. After its commit a cell gets a
 * {@code <cell id>.done} marker (before its claim is dropped), so a driver that planned the cell earlier sees
 * that it was run meanwhile and does not run it again.
 *
 * <p>Why files: they need no server and work on every file system a results root can be on. Create-if-absent is
 * atomic on HDFS and, through {@code O_EXCL}, on local disks; a take-over renames the expired claim away first,
 * which only one driver can do. On S3A (Hadoop 3.3, no conditional writes) create-if-absent is a check then a
 * write, so two drivers may both win a race of a few milliseconds: the cell then runs twice, and both commits are
 * valid (commit files never collide; the latest attempt counts). Claims save work; correctness never rests on them.
 */
public final class CellClaims implements AutoCloseable {
    public static final String DIR = "_claims";
    static final String CLAIM = ".claim";
    static final String DONE = ".done";
    /** Sweep names start with a letter or digit, so this folder is no sweep's. */
    static final String WRITERS = "_writers";

    private final FileSystem fs;
    private final Path root;
    private final String writer;
    private final long timeoutMillis;
    private final Set<Path> held = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> plannedAt = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService heartbeat;

    /**
     * @param timeoutMillis a claim untouched this long is expired; the heartbeat touches held claims every third of it
     */
    /** What a registered driver does: runs cells, or compacts the tables (which no run may write into meanwhile). */
    public enum Role { RUN, COMPACT }

    public CellClaims(Configuration conf, String resultsRoot, long timeoutMillis, Role role) {
        this.root = new Path(resultsRoot, DIR);
        this.timeoutMillis = timeoutMillis;
        this.writer = UUID.randomUUID().toString();
        try {
            this.fs = root.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + root, e);
        }
        this.heartbeat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "equisweep-claims-heartbeat");
            t.setDaemon(true);
            return t;
        });
        try {
            Path me = new Path(new Path(root, WRITERS), writer);
            createExclusive(me, role.name().toLowerCase(java.util.Locale.ROOT) + " ");
            held.add(me);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register this driver under " + root, e);
        }
        long period = Math.max(1, timeoutMillis / 3);
        heartbeat.scheduleAtFixedRate(this::touchAll, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** This driver's id, written into its claims. */
    public String writer() {
        return writer;
    }

    /**
     * Marks the time from which a {@code .done} marker of {@code sweep} means "run by someone else after we planned".
     * The time is the file system's (a marker's modification time), not this machine's clock: file times tick
     * coarsely (a few milliseconds on Linux) and, on HDFS, by the NameNode's clock, so only a time from the same
     * source orders a marker written just after planning correctly.
     */
    public void planned(String sweep) {
        Path marker = path(sweep, ".planned-" + writer, "");
        try {
            java.io.File local = CommitFiles.localFile(fs, marker);
            if (local != null) {
                Files.createDirectories(local.toPath().getParent());
                Files.write(local.toPath(), new byte[0]);
            } else {
                fs.create(marker, true).close();
            }
            plannedAt.put(sweep, fs.getFileStatus(marker).getModificationTime());
            fs.delete(marker, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the planning of " + sweep + " under " + root, e);
        }
    }

    /** The outcome of trying to claim a cell. */
    public enum Outcome {
        /** This driver now holds the claim and runs the cell. */
        CLAIMED,
        /** Another live driver runs it. */
        HELD_ELSEWHERE,
        /** Another driver ran and committed it after this one planned; nothing to do. */
        DONE_ELSEWHERE
    }

    public Outcome claim(String sweep, String cellId) {
        Path claim = path(sweep, cellId, CLAIM);
        try {
            if (doneSincePlanned(sweep, cellId)) {
                return Outcome.DONE_ELSEWHERE;
            }
            if (!createExclusive(claim, "") && !(expired(claim) && takeOver(claim))) {
                return Outcome.HELD_ELSEWHERE;
            }
            held.add(claim);
            if (doneSincePlanned(sweep, cellId)) {
                release(sweep, cellId, false);
                return Outcome.DONE_ELSEWHERE;
            }
            return Outcome.CLAIMED;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim cell " + cellId + " at " + claim, e);
        }
    }

    /** Drops the claim; after a commit ({@code committed}), first leaves the cell's done marker. */
    public void release(String sweep, String cellId, boolean committed) {
        Path claim = path(sweep, cellId, CLAIM);
        try {
            if (committed) {
                Path done = path(sweep, cellId, DONE);
                java.io.File local = CommitFiles.localFile(fs, done);
                if (local != null) {
                    Files.write(local.toPath(), writer.getBytes(StandardCharsets.UTF_8));
                } else {
                    try (var out = fs.create(done, true)) {
                        out.write(writer.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            held.remove(claim);
            fs.delete(claim, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the claim " + claim, e);
        }
    }

    /** Whether another driver committed the cell after this one planned it. */
    private boolean doneSincePlanned(String sweep, String cellId) throws IOException {
        Long since = plannedAt.get(sweep);
        if (since == null) {
            return false;
        }
        try {
            return fs.getFileStatus(path(sweep, cellId, DONE)).getModificationTime() >= since;
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** Untouched for the timeout, or held by a process of this host that no longer exists (no wait after a kill). */
    private boolean expired(Path claim) throws IOException {
        try {
            if (fs.getFileStatus(claim).getModificationTime() < System.currentTimeMillis() - timeoutMillis) {
                return true;
            }
            try (var in = fs.open(claim)) {
                return deadHereAndNow(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (FileNotFoundException e) {
            return true;
        }
    }

    /** Whether a claim or registration written as "... on HOST, pid N" names this host and a process that is gone. */
    static boolean deadHereAndNow(String content) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" on (\\S+), pid (\\d+)\\s*$").matcher(content);
        if (!m.find()) {
            return false;
        }
        try {
            return m.group(1).equals(java.net.InetAddress.getLocalHost().getHostName())
                    && ProcessHandle.of(Long.parseLong(m.group(2))).map(p -> !p.isAlive()).orElse(true);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Renames an expired claim away (only one driver can) and claims the cell afresh. */
    private boolean takeOver(Path claim) throws IOException {
        Path expired = claim.suffix(".expired-" + writer);
        if (fs.exists(claim) && !fs.rename(claim, expired)) {
            return false;
        }
        fs.delete(expired, false);
        return createExclusive(claim, "");
    }

    private boolean createExclusive(Path claim, String prefix) throws IOException {
        byte[] content = (prefix + writer + " on " + java.net.InetAddress.getLocalHost().getHostName() + ", pid "
                + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8);
        java.io.File file = CommitFiles.localFile(fs, claim);
        if (file != null) {
            Files.createDirectories(file.toPath().getParent());
            try {
                Files.write(file.toPath(), content, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (var out = fs.create(claim, false)) {
            out.write(content);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Keeps every held claim fresh: its modification time is its heartbeat. */
    private void touchAll() {
        for (Path claim : held) {
            try {
                fs.setTimes(claim, System.currentTimeMillis(), -1);
            } catch (UnsupportedOperationException e) {
                rewrite(claim);
            } catch (IOException e) {
                // A missed beat is harmless unless every beat misses for the whole timeout.
            }
        }
    }

    private void rewrite(Path claim) {
        try (var out = fs.create(claim, true)) {
            out.write(writer.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // As above.
        }
    }

    /**
     * The other drivers writing to this results root now (registered and heartbeating within the timeout) in
     * {@code role}, each as "role writer-id on host, pid N".
     */
    public java.util.List<String> otherLiveWriters(Role role) {
        Path dir = new Path(root, WRITERS);
        java.util.List<String> live = new java.util.ArrayList<>();
        try {
            if (!fs.exists(dir)) {
                return live;
            }
            long now = System.currentTimeMillis();
            for (FileStatus f : fs.listStatus(dir)) {
                String name = f.getPath().getName();
                if (!name.startsWith(".") && !name.equals(writer) && f.getModificationTime() >= now - timeoutMillis) {
                    try (var in = fs.open(f.getPath())) {
                        String who = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                        if (who.startsWith(role.name().toLowerCase(java.util.Locale.ROOT) + " ") && !deadHereAndNow(who)) {
                            live.add(who);
                        }
                    } catch (FileNotFoundException gone) {
                        // It ended meanwhile.
                    }
                }
            }
            return live;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private Path path(String sweep, String cellId, String suffix) {
        return new Path(new Path(root, sweep), cellId + suffix);
    }

    /** Stops the heartbeat and drops every claim still held (a run that ends or fails). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        for (Path claim : held) {
            try {
                fs.delete(claim, false);
            } catch (IOException ignored) {
                // It expires by itself.
            }
        }
        held.clear();
    }
}
