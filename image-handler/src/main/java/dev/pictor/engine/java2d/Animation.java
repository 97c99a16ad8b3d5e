package dev.pictor.engine.java2d;

import dev.pictor.error.ImageException;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Animated GIFs as whole frames: read with each frame laid on the logical screen by the GIF's own disposal rules,
 * so that resizing or cropping a frame never shows the partial rectangles GIFs store; written back as full frames
 * that each replace the last, with the source's delays and loop count.
 */
final class Animation {

    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";
    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";

    /** One whole frame and how long it shows, in hundredths of a second. */
    record Frame(BufferedImage image, int delay) {
    }

    /** The frames in order; {@code loops} 0 means forever. */
    record Frames(List<Frame> frames, int loops) {
    }

    private Animation() {
    }

    /** The whole frames of an animated GIF or WebP. */
    static Frames read(byte[] data) {
        return read(data, Integer.MAX_VALUE);
    }

    /** The first {@code limit} whole frames (at least one). */
    static Frames read(byte[] data, int limit) {
        Optional<AnimatedWebp.Layout> webp = AnimatedWebp.layout(data);
        return webp.isPresent() ? AnimatedWebp.read(data, limit == 1 ? webp.get().first() : webp.get())
                : readGif(data, limit);
    }

    private static Frames readGif(byte[] gif, int limit) {
        return Decoder.withReader(gif, true, reader -> {
            IIOMetadataNode screen = child(root(reader.getStreamMetadata(), STREAM_FORMAT), "LogicalScreenDescriptor");
            int width = Integer.parseInt(screen.getAttribute("logicalScreenWidth"));
            int height = Integer.parseInt(screen.getAttribute("logicalScreenHeight"));
            BufferedImage canvas = Images.create(width, height, true);
            List<Frame> frames = new ArrayList<>();
            int loops = 1;
            int count = Math.min(limit, reader.getNumImages(true));
            for (int i = 0; i < count; i++) {
                IIOMetadataNode meta = root(reader.getImageMetadata(i), IMAGE_FORMAT);
                IIOMetadataNode descriptor = child(meta, "ImageDescriptor");
                IIOMetadataNode control = child(meta, "GraphicControlExtension");
                loops = i == 0 ? loopCount(meta) : loops;
                int x = Integer.parseInt(descriptor.getAttribute("imageLeftPosition"));
                int y = Integer.parseInt(descriptor.getAttribute("imageTopPosition"));
                String disposal = control == null ? "none" : control.getAttribute("disposalMethod");
                int delay = control == null ? 0 : Integer.parseInt(control.getAttribute("delayTime"));
                BufferedImage before = disposal.equals("restoreToPrevious") ? copy(canvas) : null;
                BufferedImage part = reader.read(i);
                Graphics2D g = canvas.createGraphics();
                g.setComposite(AlphaComposite.SrcOver);
                g.drawImage(part, x, y, null);
                g.dispose();
                frames.add(new Frame(copy(canvas), delay));
                if (disposal.equals("restoreToBackgroundColor")) {
                    Graphics2D clear = canvas.createGraphics();
                    clear.setComposite(AlphaComposite.Clear);
                    clear.fillRect(x, y, part.getWidth(), part.getHeight());
                    clear.dispose();
                } else if (before != null) {
                    canvas = before;
                }
            }
            if (frames.isEmpty()) {
                throw ImageException.unsupported("CorruptImage", "the GIF holds no frame that can be decoded");
            }
            return new Frames(frames, loops);
        });
    }

    /** Writes whole frames; each clears to the background before the next, so transparency stays transparent. */
    static byte[] write(List<Frame> frames, int loops) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            ImageWriteParam param = writer.getDefaultWriteParam();
            for (int i = 0; i < frames.size(); i++) {
                Frame frame = frames.get(i);
                IIOMetadata meta = writer.getDefaultImageMetadata(
                        ImageTypeSpecifier.createFromRenderedImage(frame.image()), param);
                meta.mergeTree(IMAGE_FORMAT, frameTree(frame.delay(), i == 0 ? loops : -1));
                writer.writeToSequence(new IIOImage(frame.image(), null, meta), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw ImageException.internal("writing an animated GIF failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static IIOMetadataNode frameTree(int delay, int loops) {
        IIOMetadataNode root = new IIOMetadataNode(IMAGE_FORMAT);
        IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
        control.setAttribute("disposalMethod", "restoreToBackgroundColor");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delay));
        control.setAttribute("transparentColorIndex", "0");
        root.appendChild(control);
        if (loops >= 0) {
            IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            netscape.setUserObject(new byte[] {1, (byte) (loops & 0xFF), (byte) (loops >> 8 & 0xFF)});
            extensions.appendChild(netscape);
            root.appendChild(extensions);
        }
        return root;
    }

    /** NETSCAPE2.0's loop count (0 forever); a GIF without it plays once. */
    private static int loopCount(IIOMetadataNode meta) {
        IIOMetadataNode extensions = child(meta, "ApplicationExtensions");
        if (extensions == null) {
            return 1;
        }
        for (Node n = extensions.getFirstChild(); n != null; n = n.getNextSibling()) {
            IIOMetadataNode ext = (IIOMetadataNode) n;
            if ("NETSCAPE".equals(ext.getAttribute("applicationID")) && ext.getUserObject() instanceof byte[] data
                    && data.length >= 3) {
                return (data[1] & 0xFF) | (data[2] & 0xFF) << 8;
            }
        }
        return 1;
    }

    private static IIOMetadataNode root(IIOMetadata metadata, String format) {
        return (IIOMetadataNode) metadata.getAsTree(format);
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return (IIOMetadataNode) n;
            }
        }
        return null;
    }

    static BufferedImage copy(BufferedImage image) {
        BufferedImage out = Images.create(image.getWidth(), image.getHeight(), true);
        System.arraycopy(Images.data(image), 0, Images.data(out), 0, Images.data(image).length);
        return out;
    }
}
