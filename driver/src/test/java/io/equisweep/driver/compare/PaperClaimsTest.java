package io.equisweep.driver.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperClaimsTest {
    /** Cells with the paper's published means (10 seeds collapsed to two equal ones). */
    static List<SettingStats.Cell> paper(double approxAt0, double approxAt180, double uniformApprox) {
        List<SettingStats.Cell> cells = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            cells.add(cell("p4cnn", 28, "upright", true, 97.56, 97.56, 86.65));
            cells.add(cell("p4cnn", 27, "upright", false, approxAt0, approxAt180, 66.34));
            cells.add(cell("p4cnn", 29, "upright", false, 98.39, 51.70, 66.66));
            cells.add(cell("z2cnn", 28, "upright", true, 98.50, 44.33, 42.70));
            cells.add(cell("p4cnn", 28, "uniform", true, 96.7, 96.7, 96.74));
            cells.add(cell("p4cnn", 27, "uniform", false, 96.5, 96.0, uniformApprox));
            cells.add(cell("p4cnn", 29, "uniform", false, 96.5, 96.0, 96.47));
            cells.add(cell("z2cnn", 28, "uniform", true, 90, 89, 89.36));
        }
        return cells;
    }

    static SettingStats.Cell cell(String arch, int n, String symmetry, boolean exact, double at0, double at180, double mean) {
        double at90 = exact && !arch.equals("z2cnn") ? at0 : at180 + 3;
        return new SettingStats.Cell(arch + n + symmetry, arch, n, symmetry, exact, Map.of("accuracy_at_0", at0,
                "accuracy_at_90", at90, "accuracy_at_180", at180, "accuracy_at_270", at90, "mean_rotation_accuracy", mean));
    }

    @Test
    void thePapersOwnFiguresPassEveryClaim() {
        List<Claim> claims = PaperClaims.check(new SettingStats(paper(98.61, 50.86, 96.43)));
        assertThat(claims).hasSize(5).allSatisfy(c -> assertThat(c.verdict()).as(c.statement() + ": " + c.evidence())
                .isEqualTo(Claim.Verdict.PASS));
        assertThat(claims.get(1).evidence()).isEqualTo("accuracy_at_0: p4cnn@27 98.61, p4cnn@29 98.39 vs exact p4cnn@28 97.56");
        assertThat(claims.get(3).evidence()).contains("@27: 0.31 pp (upright: 20.31 pp)");
    }

    @Test
    void eachClaimCanFail() {
        List<Claim> claims = PaperClaims.check(new SettingStats(paper(96.0, 90.0, 80.0)));
        assertThat(claims).extracting(Claim::verdict).containsExactly(Claim.Verdict.PASS, Claim.Verdict.FAIL,
                Claim.Verdict.FAIL, Claim.Verdict.FAIL, Claim.Verdict.PASS);
        List<SettingStats.Cell> broken = new ArrayList<>(paper(98.61, 50.86, 96.43));
        broken.add(new SettingStats.Cell("x", "p4cnn", 28, "upright", true, Map.of("accuracy_at_0", 97.0,
                "accuracy_at_90", 95.0, "mean_rotation_accuracy", 30.0)));
        assertThat(PaperClaims.check(new SettingStats(broken)).get(0).verdict()).isEqualTo(Claim.Verdict.FAIL);
    }

    @Test
    void missingSettingsAreReportedNotGuessed() {
        List<SettingStats.Cell> onlyExact = paper(98.61, 50.86, 96.43).stream().filter(SettingStats.Cell::exact).toList();
        List<Claim> claims = PaperClaims.check(new SettingStats(onlyExact));
        assertThat(claims.get(1).verdict()).isEqualTo(Claim.Verdict.MISSING);
        assertThat(claims.get(1).evidence()).isEqualTo("no cells for p4cnn at both an exact and an approximate input size");
    }
}
