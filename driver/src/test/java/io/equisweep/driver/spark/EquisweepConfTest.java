package io.equisweep.driver.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class EquisweepConfTest {
    @Test
    void theReadmeListsEverySettingWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (EquisweepConf.Entry<?> e : EquisweepConf.ALL) {
            String line = readme.lines().filter(l -> l.startsWith("| `" + e.key() + "` |")).findFirst().orElse(null);
            assertThat(line).as(e.key() + " in the README's table of spark.equisweep settings").isNotNull();
            assertThat(line).as(e.key()).contains("| " + (e.defaultValue().isEmpty() ? "—" : "`" + e.defaultValue() + "`") + " |");
        }
        assertThat(readme.lines().filter(l -> l.startsWith("| `spark.equisweep."))).hasSize(EquisweepConf.ALL.size());
    }

    @Test
    void entriesReadTheirDefaultOrTheSetValue() {
        SparkConf conf = new SparkConf(false);
        assertThat(EquisweepConf.BROADCAST_MAX_BYTES.get(conf)).isEqualTo(1L << 30);
        assertThat(EquisweepConf.HALT_EXECUTOR_ON_FIRST_ATTEMPT.get(conf)).isEmpty();
        conf.set(EquisweepConf.HALT_EXECUTOR_ON_FIRST_ATTEMPT.key(), "a,b");
        assertThat(EquisweepConf.HALT_EXECUTOR_ON_FIRST_ATTEMPT.get(conf)).containsExactly("a", "b");
        assertThat(EquisweepConf.ALL).extracting(EquisweepConf.Entry::key).doesNotHaveDuplicates()
                .allSatisfy(k -> assertThat(k).startsWith("spark.equisweep."));
    }
}
