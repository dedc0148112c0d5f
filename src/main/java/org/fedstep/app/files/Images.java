package org.fedstep.app.files;

import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.fedstep.io.AtomicFiles;

/** Saves a view, or the whole window, as a PNG: written to a temporary name and moved into place. */
public final class Images {

    private Images() { }

    public static void savePng(Node node, Path file) throws IOException {
        WritableImage image = node.snapshot(new SnapshotParameters(), null);
        var buffered = SwingFXUtils.fromFXImage(image, null);
        AtomicFiles.writeBytes(file, out -> {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        });
    }
}
