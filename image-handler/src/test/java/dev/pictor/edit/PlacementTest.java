package dev.pictor.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where Thumbor's watermark offsets put a 20-pixel mark in a 100-pixel image, as its filter computes them. */
class PlacementTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            0      | 0
            -0     | 80
            15     | 15
            -15    | 65
            10p    | 10
            -10p   | 70
            -0p    | 80
            center | 40
            """)
    void thumborOffsets(String text, int offset) {
        assertEquals(offset, Placement.parse("x", text).offset(100, 20));
    }
}
