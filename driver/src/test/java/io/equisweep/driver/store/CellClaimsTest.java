package io.equisweep.driver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims: held elsewhere while fresh, taken over once expired or once their local process is gone, done markers. */
class CellClaimsTest {
    @TempDir
    Path dir;

    private CellClaims claims() {
        return new CellClaims(new Configuration(), dir.toString(), 60_000, CellClaims.Role.RUN);
    }

    private Path claimOf(String cell) {
        return dir.resolve(CellClaims.DIR).resolve("s").resolve(cell + CellClaims.CLAIM);
    }

    @Test
    void aFreshClaimOfAnotherDriverIsRespectedAnExpiredOneTakenOver() throws Exception {
        try (CellClaims mine = claims()) {
            mine.planned("s");
            Files.createDirectories(claimOf("a").getParent());
            Files.writeString(claimOf("a"), "other-writer on some-other-host, pid 1");
            assertThat(mine.claim("s", "a")).isEqualTo(CellClaims.Outcome.HELD_ELSEWHERE);
            Files.setLastModifiedTime(claimOf("a"), FileTime.fromMillis(System.currentTimeMillis() - 120_000));
            assertThat(mine.claim("s", "a")).isEqualTo(CellClaims.Outcome.CLAIMED);
            assertThat(Files.readString(claimOf("a"))).contains(mine.writer());
            assertThat(mine.claim("s", "a")).as("claimed once, by one driver").isEqualTo(CellClaims.Outcome.HELD_ELSEWHERE);
        }
        assertThat(claimOf("a")).as("closing drops the claims still held").doesNotExist();
    }

    @Test
    void aClaimOfAProcessOfThisHostThatIsGoneIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        try (CellClaims mine = claims()) {
            Files.createDirectories(claimOf("b").getParent());
            Files.writeString(claimOf("b"), "w on " + host + ", pid " + gone.pid());
            assertThat(mine.claim("s", "b")).isEqualTo(CellClaims.Outcome.CLAIMED);
            Files.writeString(claimOf("c"), "w on " + host + ", pid " + ProcessHandle.current().pid());
            assertThat(mine.claim("s", "c")).as("a live process of this host").isEqualTo(CellClaims.Outcome.HELD_ELSEWHERE);
        }
    }

    @Test
    void aCellCommittedElsewhereAfterPlanningIsDoneAndOnlyLiveWritersCount() throws Exception {
        try (CellClaims first = claims(); CellClaims second = claims()) {
            second.planned("s");
            assertThat(first.claim("s", "d")).isEqualTo(CellClaims.Outcome.CLAIMED);
            assertThat(second.claim("s", "d")).isEqualTo(CellClaims.Outcome.HELD_ELSEWHERE);
            first.release("s", "d", true);
            assertThat(second.claim("s", "d")).isEqualTo(CellClaims.Outcome.DONE_ELSEWHERE);
            Thread.sleep(50);   // past the file system's clock tick: file times are as coarse as a few milliseconds
            second.planned("s");
            assertThat(second.claim("s", "d")).as("a done marker from before planning: a rerun (--force) runs it")
                    .isEqualTo(CellClaims.Outcome.CLAIMED);
            assertThat(first.otherLiveWriters(CellClaims.Role.RUN)).singleElement().asString().startsWith("run " + second.writer());
            assertThat(first.otherLiveWriters(CellClaims.Role.COMPACT)).isEmpty();
        }
        try (CellClaims alone = claims()) {
            assertThat(alone.otherLiveWriters(CellClaims.Role.RUN)).as("closed drivers unregister").isEmpty();
        }
    }
}
