package dev.pictor.engine;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * What a JPEG's EXIF block says that we use: its orientation, and when the photo was taken. A missing or broken
 * block is no EXIF, never an error: it must not fail the image.
 */
public record Exif(int orientation, Optional<String> captureDate) {

    private static final int TAG_DATE_TIME_ORIGINAL = 0x9003;
    private static final int TAG_OFFSET_TIME_ORIGINAL = 0x9011;
    private static final Pattern EXIF_DATE = Pattern.compile("(\\d{4}):(\\d{2}):(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})");
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d{2}:\\d{2}");

    /** The EXIF of a JPEG; empty for other formats and for JPEGs without a readable block. */
    public static Optional<Exif> read(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            for (JPEGSegment segment : JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif")) {
                byte[] exif;
                try (InputStream body = segment.data()) {
                    exif = body.readAllBytes();
                }
                // The segment body follows "Exif" and its padding; the TIFF structure starts at its byte order mark.
                int start = 0;
                while (start < Math.min(exif.length - 1, 8) && !(exif[start] == exif[start + 1]
                        && (exif[start] == 'I' || exif[start] == 'M'))) {
                    start++;
                }
                try (ImageInputStream tiff = ImageIO.createImageInputStream(
                        new ByteArrayInputStream(exif, start, exif.length - start))) {
                    Directory ifd0 = new TIFFReader().read(tiff);
                    Entry orientation = ifd0.getEntryById(TIFF.TAG_ORIENTATION);
                    return Optional.of(new Exif(orientation != null && orientation.getValue() instanceof Number n
                            ? n.intValue() : 1, captureDate(ifd0)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** DateTimeOriginal from the EXIF sub-directory as ISO-8601 local time, with OffsetTimeOriginal when given. */
    private static Optional<String> captureDate(Directory ifd0) {
        Entry pointer = ifd0.getEntryById(TIFF.TAG_EXIF_IFD);
        if (pointer == null || !(pointer.getValue() instanceof Directory exif)) {
            return Optional.empty();
        }
        Entry original = exif.getEntryById(TAG_DATE_TIME_ORIGINAL);
        if (original == null) {
            return Optional.empty();
        }
        Matcher date = EXIF_DATE.matcher(String.valueOf(original.getValue()).trim());
        if (!date.matches() || date.group(1).equals("0000")) {
            return Optional.empty();
        }
        String iso = date.group(1) + "-" + date.group(2) + "-" + date.group(3) + "T" + date.group(4) + ":"
                + date.group(5) + ":" + date.group(6);
        Entry offset = exif.getEntryById(TAG_OFFSET_TIME_ORIGINAL);
        if (offset != null && OFFSET.matcher(String.valueOf(offset.getValue()).trim()).matches()) {
            iso += String.valueOf(offset.getValue()).trim();
        }
        return Optional.of(iso);
    }
}
