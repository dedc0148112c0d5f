package org.fedstep.lesson;

import java.util.List;

/**
 * The engine's answer to a question, with the arithmetic that gives it (real numbers, for the reveal).
 *
 * @param ref         what was asked
 * @param value       the number (for a client question: the quantity that decides, e.g. the largest weight)
 * @param clients     for a client question, the 0-based clients that are right (several when tied); else empty
 * @param explanation a short formula with the real numbers, e.g. "p_3 = n_3 / Σ n = 20 / 300 = 0.0667", with its words
 *                    in English and Chinese
 */
public record Answer(Lesson.AnswerRef ref, double value, List<Integer> clients, Lesson.Text explanation) {

    public Answer {
        clients = List.copyOf(clients);
    }

    public boolean isClient() {
        return ref.key().kind() == AnswerKey.Kind.CLIENT;
    }
}
