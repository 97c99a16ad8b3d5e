package dev.pictor.engine.turbojpeg;

import java.nio.charset.StandardCharsets;

/** A walk over a JPEG's marker segments up to the first scan, without decoding anything. */
final class JpegMarkers {

    private static final int APP2 = 0xE2;
    private static final int SOS = 0xDA;
    private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

    private JpegMarkers() {
    }

    static boolean hasIccProfile(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == SOS || marker == 0xD9) {
                return false;
            }
            int length = (jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF);
            if (marker == APP2 && length >= 2 + ICC.length && startsWith(jpeg, i + 4, ICC)) {
                return true;
            }
            i += 2 + length;
        }
        return false;
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (offset + prefix.length > data.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (data[offset + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
