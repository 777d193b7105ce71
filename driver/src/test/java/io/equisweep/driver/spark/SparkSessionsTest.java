package io.equisweep.driver.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
    private static SparkConf conf(String master, boolean authenticate) {
        return new SparkConf(false).setMaster(master).set("spark.authenticate", String.valueOf(authenticate));
    }

    @Test
    void aStandaloneDriverTakesTheSecretFromTheEnvironment() {
        SparkConf conf = conf("spark://127.0.0.1:7077", true);
        SparkSessions.authenticationSecret(conf, "s3cret");
        assertThat(conf.get("spark.authenticate.secret")).isEqualTo("s3cret");
    }

    @Test
    void aMissingSecretIsABadInputNamingTheVariable() {
        assertThatThrownBy(() -> SparkSessions.authenticationSecret(conf("spark://127.0.0.1:7077", true), null))
                .isInstanceOf(SparkSetupException.class)
                .hasMessageContaining("export _SPARK_AUTH_SECRET");
    }

    @Test
    void aSecretInTheConfigurationWinsAndOtherMastersMakeTheirOwn() {
        SparkConf given = conf("spark://127.0.0.1:7077", true).set("spark.authenticate.secret", "configured");
        SparkSessions.authenticationSecret(given, "env");
        assertThat(given.get("spark.authenticate.secret")).isEqualTo("configured");
        for (String master : new String[] {"local[2]", "yarn", "k8s://https://10.0.0.1:6443"}) {
            SparkConf conf = conf(master, true);
            SparkSessions.authenticationSecret(conf, null);
            assertThat(conf.contains("spark.authenticate.secret")).as(master).isFalse();
        }
        SparkConf off = conf("spark://127.0.0.1:7077", false);
        SparkSessions.authenticationSecret(off, null);
        assertThat(off.contains("spark.authenticate.secret")).isFalse();
    }

    @Test
    void embeddedSparkGetsOneThreadMoreThanItRunsCellsForCommits() {
        String[][] cases = {{"local", "local[2]", "1"}, {"local[2]", "local[3]", "2"}, {"local[*]", "local[9]", "8"},
            {"local[2,3]", "local[3,3]", "2"}};
        for (String[] c : cases) {
            SparkConf conf = new SparkConf(false).setMaster(c[0]);
            SparkSessions.reserveCommitThread(conf, 8);
            assertThat(conf.get("spark.master")).as(c[0]).isEqualTo(c[1]);
            assertThat(conf.get(EquisweepConf.CELL_SLOTS.key())).as(c[0]).isEqualTo(c[2]);
            assertThat(conf.get(EquisweepConf.REQUESTED_MASTER.key())).isEqualTo(c[0]);
        }
        for (String master : new String[] {"spark://127.0.0.1:7077", "yarn", "local-cluster[2,1,1024]"}) {
            SparkConf conf = new SparkConf(false).setMaster(master);
            SparkSessions.reserveCommitThread(conf, 8);
            assertThat(conf.get("spark.master")).isEqualTo(master);
            assertThat(conf.contains(EquisweepConf.CELL_SLOTS.key())).as(master).isFalse();
        }
    }
}
