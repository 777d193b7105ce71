package io.equisweep.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartsTest {
    @Test
    void aBiasedTrainingsChartCarriesItsBandAndOthersNone() {
        assertThat(HtmlReport.band("relaxation / normal(45,20)")).isEqualTo(new Charts.Band(45, 20, "training rotations: mean ± σ"));
        assertThat(HtmlReport.band("relaxation / upright")).isNull();
        assertThat(HtmlReport.band("relaxation / uniform")).isNull();
    }

    @Test
    void theBandIsShadedWhereTheTrainingRotationsAreAndWrapsAroundZero() throws Exception {
        Map<String, List<double[]>> series = Map.of("p4cnn@28 (exact)", List.of(new double[] {0, 0.5}, new double[] {350, 0.5}));
        BufferedImage plain = ImageIO.read(new ByteArrayInputStream(Charts.accuracyByAngle("t", series, null)));
        BufferedImage banded = ImageIO.read(new ByteArrayInputStream(Charts.accuracyByAngle("t", series,
                new Charts.Band(0, 20, ""))));
        // Inside the band (near both ends of the axis) the background is tinted; in the middle it is not.
        int y = plain.getHeight() / 4;
        int changedNearZero = 0;
        int changedInMiddle = 0;
        for (int x = 0; x < plain.getWidth(); x++) {
            if (plain.getRGB(x, y) != banded.getRGB(x, y)) {
                if (x < plain.getWidth() / 3) {
                    changedNearZero++;
                } else if (x < 2 * plain.getWidth() / 3) {
                    changedInMiddle++;
                }
            }
        }
        assertThat(changedNearZero).isPositive();
        assertThat(changedInMiddle).isZero();
    }

    @Test
    void errorsByEpochAreDrawnOnALogAxisWithRoundOffAtTheFloor() throws Exception {
        byte[] png = Charts.errorByEpoch("t", Map.of("p4cnn@28 (exact)", List.of(new double[] {0, 0}, new double[] {1, 2e-7}),
                "p4cnn@27 (approx)", List.of(new double[] {0, 0.04}, new double[] {1, 0.3})));
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(Charts.WIDTH);
    }
}
