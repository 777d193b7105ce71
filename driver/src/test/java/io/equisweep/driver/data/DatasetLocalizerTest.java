package io.equisweep.driver.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.data.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocalizerTest {
    @TempDir
    Path dir;

    @Test
    void aDatasetOnAHadoopFileSystemIsCopiedAndKeepsItsIdentity() throws Exception {
        byte[] pixels = new byte[40 * 784];
        byte[] labels = new byte[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = (byte) (i % 10);
            pixels[i * 784 + i] = (byte) 255;
        }
        IdxReader.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), pixels, 40, 28, 28);
        IdxReader.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), labels);
        Map<String, String> split = Map.of("trainSize", "all", "validationSize", "5", "testSize", "10", "seed", "0");
        DatasetSpec direct = new DatasetSpec("mnist", with(split, "dir", dir.toString()));
        DatasetSpec remote = new DatasetSpec("mnist", with(split, "dir", dir.toUri().toString()));
        assertThat(remote.option("dir")).startsWith("file:/");

        DatasetSpec local = DatasetLocalizer.localize(remote, new Configuration());
        assertThat(local.option("dir")).doesNotStartWith("file:").isNotEqualTo(dir.toString());
        assertThat(Path.of(local.option("dir")).resolve("train-labels-idx1-ubyte.gz")).exists();
        var source = Datasets.get("mnist");
        assertThat(source.identity(local)).isEqualTo(source.identity(direct));
        assertThat(source.splitSizes(local).train()).isEqualTo(25);
        assertThat(DatasetLocalizer.localize(direct, new Configuration())).isSameAs(direct);
    }

    @Test
    void aRemoteImageFolderIsCopiedWithItsClassFolders() throws Exception {
        for (String split : new String[] {"train", "test"}) {
            for (String label : new String[] {"daisy", "rose"}) {
                for (int i = 0; i < 3; i++) {
                    Path file = dir.resolve("flowers").resolve(split).resolve(label).resolve(i + ".png");
                    Files.createDirectories(file.getParent());
                    var image = new java.awt.image.BufferedImage(12, 10, java.awt.image.BufferedImage.TYPE_INT_RGB);
                    image.setRGB(i, i, label.equals("rose") ? 0xff0000 : 0xffffff);
                    javax.imageio.ImageIO.write(image, "png", file.toFile());
                }
            }
        }
        DatasetSpec remote = new DatasetSpec("image-folder",
                Map.of("dir", dir.resolve("flowers").toUri().toString(), "validationSize", "auto", "trainSize", "all",
                        "testSize", "all", "seed", "0"));
        DatasetSpec local = DatasetLocalizer.localize(remote, new Configuration());
        assertThat(Path.of(local.option("dir")).resolve("train/rose/2.png")).exists();
        var source = Datasets.get("image-folder");
        assertThat(source.splitSizes(local).train()).isEqualTo(6);
        assertThat(source.classes(local)).isEqualTo(2);
    }

    @Test
    void aMissingRemoteLocationIsADatasetError() {
        DatasetSpec remote = new DatasetSpec("mnist", Map.of("dir", dir.resolve("nowhere").toUri().toString()));
        assertThatThrownBy(() -> DatasetLocalizer.localize(remote, new Configuration()))
                .hasMessageEndingWith("nowhere: no such file or directory");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
