package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Image folders of small PNG and JPEG files. */
public final class ImageFolderFixtures {
    private ImageFolderFixtures() {
    }

    /** A w × h image of one colour with a bar of another, whose direction tells the class apart. */
    public static BufferedImage image(int w, int h, int type, Color fill, boolean vertical) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(fill);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        if (vertical) {
            g.fillRect(w / 2 - 2, 0, 4, h);
        } else {
            g.fillRect(0, h / 2 - 2, w, 4);
        }
        g.dispose();
        return img;
    }

    public static void write(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        ImageIO.write(image, name.endsWith(".png") ? "png" : "jpg", file.toFile());
    }

    /** {@code perClass} images of classes "horizontal" and "vertical" in train/ and test/, mixed sizes and formats. */
    public static void writeTwoClasses(Path dir, int perClass) throws IOException {
        String[] classes = {"horizontal", "vertical"};
        for (String split : new String[] {"train", "test"}) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < perClass; i++) {
                    int w = 40 + 7 * i;
                    int h = 30 + 5 * (i % 3);
                    boolean png = i % 2 == 0;
                    int type = i % 3 == 0 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
                    Color fill = new Color(30 + 20 * i, 60, 200 - 10 * i);
                    write(dir.resolve(split).resolve(classes[c]).resolve("img" + i + (png ? ".png" : ".jpg")),
                            image(w, h, type, fill, c == 1));
                }
            }
        }
    }

    public static DatasetSpec spec(Path dir, Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(new ImageFolderDataset().optionDefaults());
        options.put("dir", dir.toString());
        options.putAll(overrides);
        return new DatasetSpec("image-folder", options);
    }
}
