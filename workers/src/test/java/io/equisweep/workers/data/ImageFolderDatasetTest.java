package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
    @TempDir
    Path dir;

    private final ImageFolderDataset source = new ImageFolderDataset();

    @Test
    void classesAreTheSortedTrainFoldersAndValidationIsCarvedFromTrainBySeed() throws Exception {
        ImageFolderFixtures.writeTwoClasses(dir, 5);
        var spec = ImageFolderFixtures.spec(dir, Map.of("validationSize", "3", "seed", "2"));
        assertThat(source.classes(spec)).isEqualTo(2);
        assertThat(source.splitSizes(spec)).isEqualTo(new SplitSizes(7, 3, 10));
        DatasetSplits splits = source.load(spec);
        assertThat(splits.inMemory()).isFalse();
        assertThat(splits.test().label(0)).isZero();
        assertThat(splits.test().label(9)).isEqualTo(1);
        assertThat(source.splitSizes(ImageFolderFixtures.spec(dir, Map.of())).validation()).isZero();
        assertThat(source.identity(spec)).isEqualTo(source.identity(ImageFolderFixtures.spec(dir,
                Map.of("validationSize", "3", "seed", "2"))));
    }

    @Test
    void aValidFolderIsTheValidationSplit() throws Exception {
        ImageFolderFixtures.writeTwoClasses(dir, 3);
        ImageFolderFixtures.write(dir.resolve("valid/vertical/v.png"),
                ImageFolderFixtures.image(20, 20, BufferedImage.TYPE_INT_RGB, Color.RED, true));
        assertThat(source.splitSizes(ImageFolderFixtures.spec(dir, Map.of()))).isEqualTo(new SplitSizes(6, 1, 6));
        assertThat(source.load(ImageFolderFixtures.spec(dir, Map.of())).validation().label(0)).isEqualTo(1);
    }

    @Test
    void imagesDecodeAtTheAskedSizeAsRgbWithGrayscaleInEveryChannel() throws Exception {
        ImageFolderFixtures.write(dir.resolve("train/a/red.png"),
                ImageFolderFixtures.image(80, 50, BufferedImage.TYPE_INT_RGB, Color.RED, true));
        ImageFolderFixtures.write(dir.resolve("train/b/gray.png"),
                ImageFolderFixtures.image(50, 80, BufferedImage.TYPE_BYTE_GRAY, new Color(100, 100, 100), false));
        Files.createDirectories(dir.resolve("test/a"));
        Images train = source.load(ImageFolderFixtures.spec(dir, Map.of())).train().decodedAt(16);
        assertThat(train.size()).isEqualTo(16);
        float[] image = new float[train.imageLength()];
        train.copyImage(0, image, 0);
        int plane = 16 * 16;
        // A corner of the red image: far from the white bar.
        assertThat(new float[] {image[0], image[plane], image[2 * plane]}).containsExactly(1f, 0f, 0f);
        // The centre columns hold the (white, thin, so blurred) bar, kept by the centre crop.
        assertThat(image[8 * 16 + 8]).isEqualTo(1f);
        assertThat(Math.max(image[plane + 8 * 16 + 7], image[plane + 8 * 16 + 8])).isGreaterThan(0.1f);
        train.copyImage(1, image, 0);
        assertThat(image[0]).isEqualTo(image[plane]).isEqualTo(image[2 * plane]).isBetween(0.35f, 0.45f);
    }

    @Test
    void centreCropFollowsTheFlowersPipeline() {
        BufferedImage wide = ImageFolderFixtures.image(300, 100, BufferedImage.TYPE_INT_RGB, Color.BLUE, true);
        BufferedImage out = FolderImages.centred(wide, 224);
        assertThat(out.getWidth()).isEqualTo(224);
        assertThat(out.getHeight()).isEqualTo(224);
    }

    @Test
    void badLayoutsAndFilesAreNamed() throws Exception {
        ImageFolderFixtures.writeTwoClasses(dir, 2);
        ImageFolderFixtures.write(dir.resolve("test/zebra/z.png"),
                ImageFolderFixtures.image(20, 20, BufferedImage.TYPE_INT_RGB, Color.RED, true));
        var spec = ImageFolderFixtures.spec(dir, Map.of());
        assertThatThrownBy(() -> source.splitSizes(spec)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("test/zebra") + ": class 'zebra' is not among the train classes [horizontal, vertical]");
        Files.delete(dir.resolve("test/zebra/z.png"));
        Files.delete(dir.resolve("test/zebra"));

        Path broken = dir.resolve("train/horizontal/img9.jpg");
        Files.writeString(broken, "not a jpeg");
        Images train = source.load(spec).train();
        int index = 2;
        assertThatThrownBy(() -> train.copyImage(index, new float[3 * 224 * 224], 0))
                .isInstanceOf(DatasetException.class).hasMessageContaining(broken.toString());

        assertThatThrownBy(() -> source.splitSizes(ImageFolderFixtures.spec(dir.resolve("nowhere"), Map.of())))
                .hasMessageContaining(dir.resolve("nowhere/train") + ": no such folder");
        assertThat(source.validate(Map.of())).anyMatch(m -> m.contains("option 'dir' is required"));
    }
}
