package org.fedstep.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fedstep.core.settings.InvalidSettingsException;

/**
 * The real data sets shipped in sample-data/ (and inside the jar), with the columns each is meant to be explored with.
 * sample-data/SOURCES.md credits each one.
 */
public final class SampleDatasets {

    /** One shipped data set: its file and its default x, y and client (group) columns. */
    public record Sample(String name, String file, String xColumn, String yColumn, String groupColumn) { }

    public static final List<Sample> ALL = List.of(
            new Sample("penguins", "penguins.csv", "flipper_length_mm", "body_mass_g", "island"),
            new Sample("cars", "cars.csv", "weight_lbs", "mpg", "origin"),
            new Sample("anscombe", "anscombe.csv", "x", "y", "series"),
            new Sample("gapminder", "gapminder.csv", "fertility", "life_expectancy", "region"));

    private SampleDatasets() { }

    public static Sample byName(String name) {
        for (Sample s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new InvalidSettingsException("dataset.name must be one of "
                + String.join(", ", ALL.stream().map(Sample::name).toList()) + " (found \"" + name + "\")");
    }

    /**
     * Loads a shipped data set from the classpath.
     *
     * @param xColumn     the x column, or null for the set's default
     * @param groupColumn the group column, or null for the set's default
     */
    public static PooledData load(String name, String xColumn, String yColumn, String groupColumn) {
        Sample s = byName(name);
        String resource = "/sample-data/" + s.file();
        InputStream in = SampleDatasets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the sample data file " + resource + " is missing from this build");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CsvLoader.load(s.file(), reader, xColumn == null ? s.xColumn() : xColumn,
                    yColumn == null ? s.yColumn() : yColumn, groupColumn == null ? s.groupColumn() : groupColumn);
        } catch (IOException e) {
            throw new DataFileException(s.file(), 0, null, "could not be read: " + e.getMessage(), e);
        }
    }
}
