package io.equisweep.driver.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void rendersCountsElapsedAndAnEtaFromFinishedCells() {
        // 3 of 8 done, 2 slots, 40 s per cell: 5 left → 3 rounds → 2m00s.
        assertThat(ProgressBar.render(3, 2, 1, 8, 125, 40, 2))
                .isEqualTo("[#########...............] 3/8 done, 2 running, 1 failed | 2m05s elapsed, ETA 2m00s");
        assertThat(ProgressBar.render(0, 2, 0, 4, 3, Double.NaN, 2)).endsWith("ETA ?");
        assertThat(ProgressBar.duration(3 * 3600 + 125)).isEqualTo("3h02m");
    }

    @Test
    void staysSilentWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes), false, 4);
        bar.draw(2);
        bar.cellFinished(true, 10, 2);
        bar.clear();
        assertThat(bytes.size()).isZero();
        ProgressBar shown = new ProgressBar(new PrintStream(bytes), true, 4);
        shown.cellFinished(false, 10, 2);
        assertThat(bytes.toString()).contains("1/4 done, 2 running, 1 failed");
    }
}
