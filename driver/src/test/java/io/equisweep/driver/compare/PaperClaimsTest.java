package io.equisweep.driver.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The claims decided on constructed sweeps: curves and errors shaped as the paper describes them, three seeds with a
 * spread of 0.2 pp, so every comparison is resolved; then effects reversed, margins straddled and seeds cut.
 */
class PaperClaimsTest {
    static final double[] SEED_OFFSETS = {-0.2, 0, 0.2};
    static final String N20 = "normal(45,20)";
    static final String N40 = "normal(45,40)";

    /** The claims in the order {@link PaperClaims#check} returns them. */
    enum C { INVARIANT, BEAT_AT_0, FAR_BELOW_AT_180, UNIFORM_CLOSES, GAP_SHRINKS, KEEP_UP, LEARN_TO_BREAK, ORDERED,
        STAY_EXACT, BASELINE_WORST }

    /** A world where the paper is right; {@code approxUpright} is the approximate net's upright curve. */
    static List<SettingStats.Cell> world(DoubleUnaryOperator approxUpright, double uniformApprox, double[] offsets) {
        List<SettingStats.Cell> cells = new ArrayList<>();
        for (int s = 0; s < offsets.length; s++) {
            double o = offsets[s];
            // Exact: the same at θ and θ + 90°; upright training generalises partly to 45° off the axes.
            cells.add(cell("p4cnn", 28, "upright", true, a -> 97.5 - 10 * Math.abs(Math.sin(Math.toRadians(2 * a))) + o, 0, 0, s));
            cells.add(cell("p4cnn", 28, N20, true, a -> 96.5 + o, 0, 0, s));
            cells.add(cell("p4cnn", 28, N40, true, a -> 96.6 + o, 0, 0, s));
            cells.add(cell("p4cnn", 28, "uniform", true, a -> 96.7 + o, 0, 0, s));
            // Approximate: good where the training rotations are, bad elsewhere; the logits break invariance more
            // the less symmetric the data.
            cells.add(cell("p4cnn", 27, "upright", false, a -> approxUpright.applyAsDouble(a) + o, 0.04, 0.50, s));
            cells.add(cell("p4cnn", 27, N20, false, a -> bump(a, 20, 96, 55) + o, 0.04, 0.35, s));
            cells.add(cell("p4cnn", 27, N40, false, a -> bump(a, 40, 96, 75) + o, 0.04, 0.20, s));
            cells.add(cell("p4cnn", 27, "uniform", false, a -> uniformApprox + o, 0.04, 0.08, s));
            cells.add(cell("z2cnn", 28, "upright", true, a -> 98.5 * Math.exp(-Math.pow(dist(a, 0) / 50, 2)) + 10 + o, 0.1, 0.6, s));
        }
        return cells;
    }

    static double dist(double a, double b) {
        return SettingStats.Cell.circularDistance(a, b);
    }

    /** High within 45° ± σ, falling to {@code low} at 225°. */
    static double bump(double angle, double sigma, double high, double low) {
        double d = dist(angle, 45);
        return d <= sigma ? high : high - (high - low) * Math.min(1, (d - sigma) / (180 - sigma));
    }

    static double uprightApprox(double angle) {
        return 98.6 - 65 * dist(angle, 0) / 180;
    }

    static SettingStats.Cell cell(String arch, int n, String symmetry, boolean exact, DoubleUnaryOperator curve,
                                  double logitAtInit, double logitAtEnd, int seed) {
        Map<Double, Double> points = new TreeMap<>();
        for (int a = 0; a < 360; a += 10) {
            points.put((double) a, curve.applyAsDouble(a));
        }
        double mean = points.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Map<String, Double> values = Map.of("accuracy_at_0", points.get(0.0), "accuracy_at_90", points.get(90.0),
                "accuracy_at_180", points.get(180.0), "accuracy_at_270", points.get(270.0), "mean_rotation_accuracy", mean);
        Map<Integer, Double> logits = new TreeMap<>();
        Map<Integer, Double> worst = new TreeMap<>();
        for (int epoch = 0; epoch <= 5; epoch++) {
            double jitter = 1 + 0.02 * (seed - 1);
            logits.put(epoch, exact && !arch.equals("z2cnn") ? 2e-7 * jitter
                    : (logitAtInit + (logitAtEnd - logitAtInit) * epoch / 5) * jitter);
            worst.put(epoch, exact && !arch.equals("z2cnn") ? 4e-7 * jitter : 0.5 * jitter);
        }
        return new SettingStats.Cell(arch + n + symmetry + seed, arch, n, symmetry, exact, values, points, logits, worst);
    }

    static Claim.Verdict verdict(List<SettingStats.Cell> cells, C claim) {
        return PaperClaims.check(new SettingStats(cells)).get(claim.ordinal()).verdict();
    }

    @Test
    void aWorldShapedAsThePaperSaysHoldsEveryClaim() {
        List<Claim> claims = PaperClaims.check(new SettingStats(world(PaperClaimsTest::uprightApprox, 96.4, SEED_OFFSETS)));
        assertThat(claims).hasSize(C.values().length).allSatisfy(c -> assertThat(c.verdict())
                .as(c.statement() + "\n" + String.join("\n", c.evidence())).isEqualTo(Claim.Verdict.HOLDS));
        assertThat(claims.get(C.GAP_SHRINKS.ordinal()).evidence()).hasSize(3).first().asString()
                .startsWith("gap (p4cnn@28 − @27) under upright − under normal(45,20) (claimed > 0 pp): +");
        assertThat(claims.get(C.KEEP_UP.ordinal()).evidence()).anyMatch(l -> l.contains("mean accuracy at 25–65°"))
                .anyMatch(l -> l.contains("mean accuracy at 185–265°"));
    }

    @Test
    void reversedEffectsAreContradicted() {
        // Approximate nets worse at 0° than the exact one, and no worse at 180°.
        List<SettingStats.Cell> reversed = world(a -> 90 - 0.01 * dist(a, 0), 96.4, SEED_OFFSETS);
        assertThat(verdict(reversed, C.BEAT_AT_0)).isEqualTo(Claim.Verdict.CONTRADICTED);
        assertThat(verdict(reversed, C.FAR_BELOW_AT_180)).isEqualTo(Claim.Verdict.CONTRADICTED);
        // Uniform training leaves a 10 pp gap.
        assertThat(verdict(world(PaperClaimsTest::uprightApprox, 86.7, SEED_OFFSETS), C.UNIFORM_CLOSES))
                .isEqualTo(Claim.Verdict.CONTRADICTED);
        // An exact cell that lost its equivariance at some epoch.
        List<SettingStats.Cell> broken = new ArrayList<>(world(PaperClaimsTest::uprightApprox, 96.4, SEED_OFFSETS));
        SettingStats.Cell good = broken.get(0);
        Map<Integer, Double> worst = new TreeMap<>(good.worstError());
        worst.put(3, 2e-3);
        broken.set(0, new SettingStats.Cell(good.id(), good.architecture(), good.inputSize(), good.symmetry(), true,
                good.values(), good.curve(), good.logitError(), worst));
        assertThat(verdict(broken, C.STAY_EXACT)).isEqualTo(Claim.Verdict.CONTRADICTED);
        assertThat(PaperClaims.check(new SettingStats(broken)).get(C.STAY_EXACT.ordinal()).evidence().get(0))
                .contains("2.00e-03 (p4cnn@28 upright epoch 3)");
    }

    @Test
    void twoSeedsWithAWideSpreadAreInconclusiveAndSayHowManyWouldDo() {
        List<SettingStats.Cell> noisy = world(PaperClaimsTest::uprightApprox, 96.4, new double[] {-15, 15});
        List<Claim> claims = PaperClaims.check(new SettingStats(noisy));
        assertThat(claims.get(C.BEAT_AT_0.ordinal()).verdict()).isEqualTo(Claim.Verdict.INCONCLUSIVE);
        assertThat(claims.get(C.BEAT_AT_0.ordinal()).evidence().get(0)).contains("n 2/2")
                .containsPattern("→ INCONCLUSIVE \\(\\d+ seeds per setting would resolve it at this spread\\)");
        assertThat(claims.get(C.GAP_SHRINKS.ordinal()).verdict()).isEqualTo(Claim.Verdict.INCONCLUSIVE);
        // Per-cell tolerances do not depend on the number of seeds.
        assertThat(claims.get(C.INVARIANT.ordinal()).verdict()).isEqualTo(Claim.Verdict.HOLDS);
    }

    @Test
    void marginClaimsAreDecidedOnTheIntervalOnEitherSideOfTheMargin() {
        // At 180° the approximate net is 97.5 − x below: 30 pp holds, 10 pp contradicts, 20 pp cannot tell.
        assertThat(verdict(world(a -> 98.6 - (dist(a, 0) == 180 ? 30 - 0.1 : 0), 96.4, SEED_OFFSETS), C.FAR_BELOW_AT_180))
                .isEqualTo(Claim.Verdict.HOLDS);
        assertThat(verdict(world(a -> 98.6 - (dist(a, 0) == 180 ? 10 - 0.1 : 0), 96.4, SEED_OFFSETS), C.FAR_BELOW_AT_180))
                .isEqualTo(Claim.Verdict.CONTRADICTED);
        assertThat(verdict(world(a -> 98.6 - (dist(a, 0) == 180 ? 21.1 : 0), 96.4, SEED_OFFSETS), C.FAR_BELOW_AT_180))
                .isEqualTo(Claim.Verdict.INCONCLUSIVE);
        // Within ±3 pp under uniform training: 0.3 pp holds, 2.9 pp cannot tell at this spread, 6 pp contradicts.
        assertThat(verdict(world(PaperClaimsTest::uprightApprox, 96.4, SEED_OFFSETS), C.UNIFORM_CLOSES))
                .isEqualTo(Claim.Verdict.HOLDS);
        assertThat(verdict(world(PaperClaimsTest::uprightApprox, 93.8, SEED_OFFSETS), C.UNIFORM_CLOSES))
                .isEqualTo(Claim.Verdict.INCONCLUSIVE);
        assertThat(verdict(world(PaperClaimsTest::uprightApprox, 90.7, SEED_OFFSETS), C.UNIFORM_CLOSES))
                .isEqualTo(Claim.Verdict.CONTRADICTED);
    }

    @Test
    void missingSettingsAreReportedNotGuessed() {
        List<SettingStats.Cell> onlyExact = world(PaperClaimsTest::uprightApprox, 96.4, SEED_OFFSETS).stream()
                .filter(SettingStats.Cell::exact).toList();
        List<Claim> claims = PaperClaims.check(new SettingStats(onlyExact));
        assertThat(claims.get(C.BEAT_AT_0.ordinal()).verdict()).isEqualTo(Claim.Verdict.MISSING);
        assertThat(claims.get(C.BEAT_AT_0.ordinal()).evidence())
                .containsExactly("no ok cells for p4cnn at both an exact and an approximate input size");
        List<SettingStats.Cell> noBias = world(PaperClaimsTest::uprightApprox, 96.4, SEED_OFFSETS).stream()
                .filter(c -> !c.symmetry().startsWith("normal")).toList();
        assertThat(verdict(noBias, C.KEEP_UP)).isEqualTo(Claim.Verdict.MISSING);
    }
}
