package org.fedstep.lesson;

/**
 * The fixed vocabulary of answers a question can ask about (lessons/README.md defines each). A lesson file names the
 * key and its parameters; the value is always computed by the engine from the step's settings, never written in the
 * file. Rounds are 1-based (round t's update makes theta_t; "after round 0" is the starting model); clients are
 * 1-based as the app shows them ("Client 1"). Slopes, intercepts and distances are in the data's original units.
 */
public enum AnswerKey {

    GLOBAL_SLOPE_AFTER_ROUND("global.slope.after.round", Kind.NUMBER, Param.ROUND_FROM_0),
    GLOBAL_INTERCEPT_AFTER_ROUND("global.intercept.after.round", Kind.NUMBER, Param.ROUND_FROM_0),
    TRAIN_LOSS_AFTER_ROUND("train.loss.after.round", Kind.NUMBER, Param.ROUND_FROM_0),
    DISTANCE_TO_OPTIMUM_AFTER_ROUND("distance.to.optimum.after.round", Kind.NUMBER, Param.ROUND_FROM_0),
    LARGEST_DISTANCE_FROM_ROUND("largest.distance.from.round", Kind.NUMBER, Param.ROUND_FROM_0),
    CENTRALISED_SLOPE_AFTER_ROUND("centralised.slope.after.round", Kind.NUMBER, Param.ROUND_FROM_0),
    OPTIMUM_SLOPE("optimum.slope", Kind.NUMBER),
    OPTIMUM_INTERCEPT("optimum.intercept", Kind.NUMBER),
    OPTIMUM_LOSS("optimum.loss", Kind.NUMBER),
    OWN_FITS_MEAN_SLOPE("own.fits.mean.slope", Kind.NUMBER),
    OWN_FITS_MEAN_INTERCEPT("own.fits.mean.intercept", Kind.NUMBER),
    SAMPLES_OF_CLIENT("samples.of.client", Kind.NUMBER, Param.CLIENT),
    WEIGHT_OF_CLIENT("weight.of.client", Kind.NUMBER, Param.CLIENT, Param.ROUND),
    CLIENT_SLOPE_AFTER_TRAINING("client.slope.after.training", Kind.NUMBER, Param.CLIENT, Param.ROUND),
    UPLOADS_IN_ROUND("uploads.in.round", Kind.NUMBER, Param.ROUND),
    ROUNDS_TO_REACH_LOSS("rounds.to.reach.loss", Kind.NUMBER, Param.TARGET),
    CLIENT_GRADIENT_SLOPE("client.gradient.slope", Kind.NUMBER, Param.CLIENT, Param.ROUND),
    CLIENT_GRADIENT_INTERCEPT("client.gradient.intercept", Kind.NUMBER, Param.CLIENT, Param.ROUND),
    CLIENT_MEAN_X("client.mean.x", Kind.NUMBER, Param.CLIENT),
    POOLED_MEAN_X("pooled.mean.x", Kind.NUMBER),
    POOLED_MEAN_Y("pooled.mean.y", Kind.NUMBER),
    MAX_STABLE_LEARNING_RATE("max.stable.learning.rate", Kind.NUMBER),
    ARTICLE_RULE_SLOPE("article.rule.slope.after.round", Kind.NUMBER, Param.ROUND),
    CLIENT_LARGEST_WEIGHT("client.largest.weight", Kind.CLIENT, Param.ROUND),
    CLIENT_LARGEST_DRIFT("client.largest.drift", Kind.CLIENT, Param.ROUND),
    CLIENT_LOWEST_LOSS_UNDER_GLOBAL("client.lowest.loss.under.global", Kind.CLIENT, Param.ROUND),
    CLIENT_NOT_SAMPLED("client.not.sampled", Kind.CLIENT, Param.ROUND),
    CLIENT_DROPPED_OUT("client.dropped.out", Kind.CLIENT, Param.ROUND),
    MEAN_UPDATE_SLOPE("mean.update.slope", Kind.NUMBER, Param.ROUND),
    MEAN_UPDATE_INTERCEPT("mean.update.intercept", Kind.NUMBER, Param.ROUND),
    UPDATE_NORM_OF_CLIENT("update.norm.of.client", Kind.NUMBER, Param.CLIENT, Param.ROUND),
    CLIPPED_IN_ROUND("clipped.in.round", Kind.NUMBER, Param.ROUND),
    CENTRAL_NOISE_SD("central.noise.sd", Kind.NUMBER, Param.ROUND),
    EPSILON_AFTER_ROUND("epsilon.after.round", Kind.NUMBER, Param.ROUND_FROM_0),
    BYTES_DOWN_IN_ROUND("bytes.down.in.round", Kind.NUMBER, Param.ROUND),
    BYTES_UP_IN_ROUND("bytes.up.in.round", Kind.NUMBER, Param.ROUND),
    BYTES_UP_UNTIL_ROUND("bytes.up.until.round", Kind.NUMBER, Param.ROUND),
    CLIENT_CLIPPED("client.clipped", Kind.CLIENT, Param.ROUND),
    CLIENT_LARGEST_UPDATE("client.largest.update", Kind.CLIENT, Param.ROUND),
    CLIENT_LEFT_OUT_BY_RULE("client.left.out.by.rule", Kind.CLIENT, Param.ROUND);

    /** What the answer is: a number, or one of the clients (click the client that ...). */
    public enum Kind { NUMBER, CLIENT }

    /** The parameters a question with this key must give (and no others). */
    public enum Param {
        /** "round": 1 to the setup's rounds. */
        ROUND,
        /** "round": 0 (the starting model) to the setup's rounds. */
        ROUND_FROM_0,
        /** "client": 1 to the number of clients. */
        CLIENT,
        /** "target": a number greater than 0 (a training loss). */
        TARGET
    }

    private final String key;
    private final Kind kind;
    private final java.util.Set<Param> params;

    AnswerKey(String key, Kind kind, Param... params) {
        this.key = key;
        this.kind = kind;
        this.params = params.length == 0 ? java.util.EnumSet.noneOf(Param.class)
                : java.util.EnumSet.of(params[0], params);
    }

    /** The key as written in lesson.json. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public boolean needs(Param p) {
        return params.contains(p);
    }

    public boolean needsRound() {
        return needs(Param.ROUND) || needs(Param.ROUND_FROM_0);
    }

    /** Whether the answer is a whole number (its default tolerance is then 0). */
    public boolean isWholeNumber() {
        return this == SAMPLES_OF_CLIENT || this == UPLOADS_IN_ROUND || this == ROUNDS_TO_REACH_LOSS
                || this == CLIPPED_IN_ROUND || this == BYTES_DOWN_IN_ROUND || this == BYTES_UP_IN_ROUND
                || this == BYTES_UP_UNTIL_ROUND;
    }

    /** The key with this name, or null. */
    public static AnswerKey byKey(String key) {
        for (AnswerKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    /** The keys of one kind, comma-separated, for messages. */
    public static String list(Kind kind) {
        StringBuilder sb = new StringBuilder();
        for (AnswerKey k : values()) {
            if (k.kind == kind) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k.key);
            }
        }
        return sb.toString();
    }
}
