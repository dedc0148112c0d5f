package org.fedstep.app.theme;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** FedStep's icon (a server and three clients), in the sizes window managers pick from. installers/ has the same. */
public final class AppIcon {

    private static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private AppIcon() { }

    public static List<Image> images() {
        List<Image> out = new ArrayList<>();
        for (int size : SIZES) {
            InputStream in = AppIcon.class.getResourceAsStream("icon-" + size + ".png");
            if (in != null) {
                out.add(new Image(in));
            }
        }
        return out;
    }
}
