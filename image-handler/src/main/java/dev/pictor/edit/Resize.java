package dev.pictor.edit;

import java.util.Optional;

/**
 * Scale to a target box. {@code adaptive} swaps the box's width and height when that matches the source's
 * orientation better (Thumbor's adaptive-fit-in). {@code background} pads for {@link Fit#CONTAIN}; empty means the
 * output background.
 */
public record Resize(Extent width, Extent height, Fit fit, boolean withoutEnlargement, Gravity gravity,
                     boolean adaptive, Optional<Backdrop> background) implements Edit {

    public static Resize of(Extent width, Extent height, Fit fit) {
        return new Resize(width, height, fit, false, Gravity.CENTER, false, Optional.empty());
    }

    public Resize withFit(Fit newFit) {
        return new Resize(width, height, newFit, withoutEnlargement, gravity, adaptive, background);
    }

    public Resize withoutEnlargement(boolean value) {
        return new Resize(width, height, fit, value, gravity, adaptive, background);
    }

    public Resize withGravity(Gravity value) {
        return new Resize(width, height, fit, withoutEnlargement, value, adaptive, background);
    }

    public Resize withBackground(Color value) {
        return new Resize(width, height, fit, withoutEnlargement, gravity, adaptive, Optional.of(Backdrop.of(value)));
    }

    public Resize withSize(Extent newWidth, Extent newHeight) {
        return new Resize(newWidth, newHeight, fit, withoutEnlargement, gravity, adaptive, background);
    }

    @Override
    public String canonical() {
        StringBuilder text = new StringBuilder("resize(")
                .append(width.canonical()).append('x').append(height.canonical())
                .append(',').append(fit.canonical());
        if (fit == Fit.COVER) {
            text.append(",gravity=").append(gravity.canonical());
        }
        if (withoutEnlargement) {
            text.append(",no-enlarge");
        }
        if (adaptive) {
            text.append(",adaptive");
        }
        background.ifPresent(c -> text.append(",bg=").append(c.canonical()));
        return text.append(')').toString();
    }
}
