package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Everything that determines a run, as one versioned object that Jackson reads and writes (docs/config.md describes
 * every key). Fields are boxed so that a missing key can be told from a given one; {@link #withDefaults()} fills the
 * gaps and {@link SettingsValidator} refuses what cannot run. The same settings give the same numbers, every time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "seed", "rounds", "dataset", "clients", "partition", "model", "training", "strategy",
        "privacy", "secureAggregation", "compression", "attack"})
public record Settings(Integer version, Long seed, Integer rounds, DatasetSettings dataset, ClientSettings clients,
                       PartitionSettings partition, ModelSettings model, TrainingSettings training,
                       StrategySettings strategy, PrivacySettings privacy, SecureAggregationSettings secureAggregation,
                       CompressionSettings compression, AttackSettings attack) {

    /** Settings of a plain run: no privacy, secure aggregation, compression or bad clients. */
    public Settings(Integer version, Long seed, Integer rounds, DatasetSettings dataset, ClientSettings clients,
                    PartitionSettings partition, ModelSettings model, TrainingSettings training,
                    StrategySettings strategy) {
        this(version, seed, rounds, dataset, clients, partition, model, training, strategy, null, null, null, null);
    }

    /** The settings format this FedStep writes; it reads this and every earlier version. */
    public static final int CURRENT_VERSION = 1;

    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_ROUNDS = 20;

    /** The same settings with every missing key given its documented default. */
    public Settings withDefaults() {
        DatasetSettings d = (dataset == null ? DatasetSettings.EMPTY : dataset).withDefaults();
        StrategySettings s = (strategy == null ? StrategySettings.EMPTY : strategy).withDefaults();
        return new Settings(version == null ? CURRENT_VERSION : version,
                seed == null ? DEFAULT_SEED : seed,
                rounds == null ? DEFAULT_ROUNDS : rounds,
                d,
                (clients == null ? ClientSettings.EMPTY : clients).withDefaults(d).withSpeedDefaults(s.isAsync()),
                (partition == null ? PartitionSettings.EMPTY : partition).withDefaults(),
                (model == null ? ModelSettings.EMPTY : model).withDefaults(d),
                (training == null ? TrainingSettings.EMPTY : training).withDefaults(),
                s,
                // the upload-phase sections stay out of a file that does not use them
                privacy == null ? null : privacy.withDefaults(),
                secureAggregation == null ? null : secureAggregation.withDefaults(),
                compression == null ? null : compression.withDefaults(),
                attack == null ? null : attack.withDefaults());
    }

    /** The privacy settings in force: none given is no clipping and no noise. */
    public PrivacySettings privacyOrOff() {
        return privacy == null ? PrivacySettings.OFF : privacy;
    }

    public SecureAggregationSettings secureAggregationOrOff() {
        return secureAggregation == null ? SecureAggregationSettings.OFF : secureAggregation;
    }

    public CompressionSettings compressionOrOff() {
        return compression == null ? CompressionSettings.OFF : compression;
    }

    public AttackSettings attackOrNone() {
        return attack == null ? AttackSettings.NONE : attack;
    }

    public Settings withRounds(int newRounds) {
        return new Settings(version, seed, newRounds, dataset, clients, partition, model, training, strategy, privacy,
                secureAggregation, compression, attack);
    }

    public Settings withSeed(long newSeed) {
        return new Settings(version, newSeed, rounds, dataset, clients, partition, model, training, strategy, privacy,
                secureAggregation, compression, attack);
    }

    public Settings withDataset(DatasetSettings d) {
        return new Settings(version, seed, rounds, d, clients, partition, model, training, strategy, privacy,
                secureAggregation, compression, attack);
    }

    public Settings withClients(ClientSettings c) {
        return new Settings(version, seed, rounds, dataset, c, partition, model, training, strategy, privacy,
                secureAggregation, compression, attack);
    }

    public Settings withPartition(PartitionSettings p) {
        return new Settings(version, seed, rounds, dataset, clients, p, model, training, strategy, privacy,
                secureAggregation, compression, attack);
    }

    public Settings withModel(ModelSettings m) {
        return new Settings(version, seed, rounds, dataset, clients, partition, m, training, strategy, privacy,
                secureAggregation, compression, attack);
    }

    public Settings withTraining(TrainingSettings t) {
        return new Settings(version, seed, rounds, dataset, clients, partition, model, t, strategy, privacy,
                secureAggregation, compression, attack);
    }

    public Settings withPrivacy(PrivacySettings p) {
        return new Settings(version, seed, rounds, dataset, clients, partition, model, training, strategy, p,
                secureAggregation, compression, attack);
    }

    public Settings withSecureAggregation(SecureAggregationSettings a) {
        return new Settings(version, seed, rounds, dataset, clients, partition, model, training, strategy, privacy, a,
                compression, attack);
    }

    public Settings withCompression(CompressionSettings c) {
        return new Settings(version, seed, rounds, dataset, clients, partition, model, training, strategy, privacy,
                secureAggregation, c, attack);
    }

    public Settings withAttack(AttackSettings a) {
        return new Settings(version, seed, rounds, dataset, clients, partition, model, training, strategy, privacy,
                secureAggregation, compression, a);
    }

    public Settings withStrategy(StrategySettings s) {
        return new Settings(version, seed, rounds, dataset, clients, partition, model, training, s, privacy,
                secureAggregation, compression, attack);
    }
}
