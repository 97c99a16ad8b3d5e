package dev.pictor.engine.java2d;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.testing.TestImages;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Smart crop on images whose subject is off-centre, one row a case: the window chosen for a crop size must hold the
 * subject's box (as drawn into the fixture, or measured on the photo), where a centred window would miss it.
 */
class SmartCropTest {

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/smart-crops.csv", delimiterString = " | ", numLinesToSkip = 1)
    void theWindowLandsOnTheSubject(String name, String image, String crop, String subject) {
        BufferedImage source = Decoder.toWorkingForm(TestImages.decode(image.startsWith("samples/")
                ? TestImages.sample(image.substring("samples/images/".length()))
                : TestImages.resource("/" + image)));
        String[] size = crop.split("x");
        String[] box = subject.split(",");
        Rectangle target = new Rectangle(Integer.parseInt(box[0]), Integer.parseInt(box[1]), Integer.parseInt(box[2]),
                Integer.parseInt(box[3]));
        int w = Integer.parseInt(size[0]);
        int h = Integer.parseInt(size[1]);
        Rectangle centred = new Rectangle((source.getWidth() - w) / 2, (source.getHeight() - h) / 2, w, h);
        Rectangle window = SmartCrop.window(source, w, h);
        assertTrue(covered(centred, target) < 0.9, "the case must need smart cropping: centred covers "
                + covered(centred, target));
        assertTrue(covered(window, target) >= 0.9, "window " + window + " covers " + covered(window, target)
                + " of the subject " + target);
    }

    /** The share of {@code subject} inside {@code window}. */
    private static double covered(Rectangle window, Rectangle subject) {
        Rectangle inside = window.intersection(subject);
        return inside.isEmpty() ? 0 : (double) inside.width * inside.height / (subject.width * subject.height);
    }
}
