package dev.pictor.edit;

/**
 * One operation of a request, in the vocabulary of the URLs. Every dialect parses into these records; the planner
 * turns them into pixel steps. Each record validates its own values in its constructor, naming the parameter and
 * the range it accepts, so an invalid edit cannot exist.
 */
public sealed interface Edit
        permits PixelFilter, Resize, Crop, Trim, Flip, Flop, Rotate, Proportion, Watermark, SubjectCrop, Frame, Upright,
                Moderation, Extend, Affine {

    /** A stable text form: the same edit always gives the same text. Used in cache keys and tests. */
    String canonical();
}
