package org.fedstep.core.fl;

import java.util.List;
import org.fedstep.core.fl.strategy.ClientUpload;

/**
 * Phase 3: exactly what reached the server (delta_k, n_k, p_k; SCAFFOLD also delta_c), and which sampled clients
 * trained but dropped out before uploading. The weights p_k add up to 1 over the uploads.
 */
public record UploadRecord(int round, List<ClientUpload> uploads, List<Integer> droppedOut) implements PhaseRecord {

    public UploadRecord {
        uploads = List.copyOf(uploads);
        droppedOut = List.copyOf(droppedOut);
    }

    @Override
    public Phase phase() {
        return Phase.UPLOAD;
    }
}
