package dev.pictor.request;

import dev.pictor.edit.Backdrop;
import dev.pictor.edit.Edit;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.Extent;
import dev.pictor.edit.Fit;
import dev.pictor.edit.Flip;
import dev.pictor.edit.Flop;
import dev.pictor.edit.Gravity;
import dev.pictor.edit.Output;
import dev.pictor.edit.Resize;
import dev.pictor.edit.SubjectCrop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of one Thumbor URL as they are read, left to right. Filters such as {@code upscale()} or {@code fill()}
 * change how the earlier size part resizes, so the chain is built only at the end, in Thumbor's order: trim, crop,
 * resize, the flips of negative sizes, then the pixel filters in the order written.
 */
final class ThumborOptions {

    final List<Edit> beforeResize = new ArrayList<>();
    final List<Edit> filters = new ArrayList<>();
    Extent width = Extent.AUTO;
    Extent height = Extent.AUTO;
    boolean flipHorizontally;
    boolean flipVertically;
    boolean fitIn;
    boolean fullFitIn;
    boolean adaptive;
    double halign = 0.5;
    double valign = 0.5;
    boolean smart;
    /** focal(AxB:CxD) boxes as left, top, right, bottom, in pixels of the upright source. */
    final List<int[]> focal = new ArrayList<>();
    /** extract_focal(): the key is itself a Thumbor URL whose crop box is the focal box. */
    boolean extractFocal;
    /**
     * The Serverless Image Handler's reading of the grammar (a path without /unsafe/ or a signature): its fit-in
     * enlarges (sharp's inside), and its blur(radius) is a sigma of radius / 2.
     */
    boolean sihMapping;
    /** smart_crop([face_index[,padding]]): the padding, when the filter is present. */
    Optional<Integer> smartCrop = Optional.empty();
    Optional<Boolean> upscale = Optional.empty();
    boolean stretch;
    Optional<Backdrop> fill = Optional.empty();
    Output output = Output.DEFAULT;

    EditChain toChain() {
        List<Edit> edits = new ArrayList<>(beforeResize);
        if (smartCrop.isPresent() && width == Extent.AUTO && height == Extent.AUTO) {
            // Without a size to crop to, smart_crop keeps the box around the subject, as the SIH's smartCrop.
            edits.add(new SubjectCrop(smartCrop.get()));
        }
        resize().ifPresent(edits::add);
        if (flipHorizontally) {
            edits.add(new Flop());
        }
        if (flipVertically) {
            edits.add(new Flip());
        }
        edits.addAll(filters);
        return new EditChain(edits, output);
    }

    /**
     * The centre of the focal boxes, weighted by their areas as Thumbor weighs focal points, moved into the
     * coordinates left by a manual crop. Focal points take precedence over smart detection and alignment.
     */
    private Optional<Gravity> focus() {
        if (focal.isEmpty()) {
            return Optional.empty();
        }
        double x = 0;
        double y = 0;
        double weight = 0;
        for (int[] box : focal) {
            double area = Math.max(1, (double) (box[2] - box[0]) * (box[3] - box[1]));
            x += (box[0] + box[2]) / 2.0 * area;
            y += (box[1] + box[3]) / 2.0 * area;
            weight += area;
        }
        x /= weight;
        y /= weight;
        for (Edit edit : beforeResize) {
            if (edit instanceof dev.pictor.edit.Crop crop) {
                x -= crop.left();
                y -= crop.top();
            }
        }
        return Optional.of(Gravity.focus(Math.max(0, Math.round(x)), Math.max(0, Math.round(y))));
    }

    /**
     * The fit SIH's Thumbor mapping gives: fit-in and upscale() fit inside, stretch() fills unless fitting in, and
     * fill() pads (contain) whether fitting in or not.
     */
    private Fit sihFit() {
        if (fitIn || upscale.orElse(false)) {
            return fill.isPresent() ? Fit.CONTAIN : fullFitIn ? Fit.OUTSIDE : Fit.INSIDE;
        }
        return stretch ? Fit.FILL : fill.isPresent() ? Fit.CONTAIN : Fit.COVER;
    }

    private Optional<Resize> resize() {
        if (width == Extent.AUTO && height == Extent.AUTO) {
            return Optional.empty();
        }
        Fit fit = sihMapping ? sihFit() : stretch ? Fit.FILL : !fitIn ? Fit.COVER : fullFitIn ? Fit.OUTSIDE : Fit.INSIDE;
        if (fit == Fit.INSIDE && fill.isPresent()) {
            fit = Fit.CONTAIN;
        }
        // Thumbor upscales when cropping to fill, and not when fitting in, unless a filter says otherwise. SIH maps
        // onto sharp, which always enlarges unless no_upscale() asks it not to.
        boolean withoutEnlargement = sihMapping ? !upscale.orElse(true) : !upscale.orElse(!fitIn);
        Gravity gravity = focus().orElse(smart || smartCrop.isPresent() ? Gravity.SMART
                : new Gravity(halign, valign, false));
        return Optional.of(new Resize(width, height, fit, withoutEnlargement, gravity, adaptive && fitIn,
                fit == Fit.CONTAIN ? fill : Optional.empty()));
    }
}
