package org.fedstep.core.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a user's CSV file (header row, comma separated, quotes as in RFC 4180) into {@link PooledData}: one x and one
 * y column, and optionally a group column that names each row's client or category.
 *
 * <p>Rows whose x or y is missing, not a number, or not finite, and rows without a group when a group column is used,
 * are skipped and counted rather than rejected: real data have holes (cars.csv has some) and a class should still be
 * able to use the rest. A file that cannot be used at all (missing column, broken quote, no usable row) is a
 * {@link DataFileException} naming the file, the line and the column.
 */
public final class CsvLoader {

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvLoader() { }

    /** Loads a file; its name (not the full path) is used in messages and as the data set's name. */
    public static PooledData load(Path file, String xColumn, String yColumn, String groupColumn) {
        String name = file.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(name, reader, xColumn, yColumn, groupColumn);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file.toString(), 0, null, "no such file", e);
        } catch (IOException e) {
            throw new DataFileException(file.toString(), 0, null, "could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Loads CSV text.
     *
     * @param displayName the name used in messages and as the data set's name
     * @param groupColumn the column naming each row's group, or null for none
     */
    public static PooledData load(String displayName, Reader reader, String xColumn, String yColumn,
                                  String groupColumn) {
        if (xColumn == null || yColumn == null) {
            throw new DataFileException(displayName, 0, null, "choose an x column and a y column");
        }
        try (CsvParser parser = open(reader)) {
            RowReader rows = new RowReader(parser, displayName);
            Row header = rows.next();
            if (header == null) {
                throw new DataFileException(displayName, 1, null, "the file is empty; it needs a header row");
            }
            List<String> names = cleanHeader(header.cells());
            rows.header(names);
            int xi = columnIndex(names, xColumn, displayName);
            int yi = columnIndex(names, yColumn, displayName);
            int gi = groupColumn == null ? -1 : columnIndex(names, groupColumn, displayName);

            DoubleList xs = new DoubleList();
            DoubleList ys = new DoubleList();
            List<String> groups = gi < 0 ? null : new ArrayList<>();
            int dataRows = 0;
            int skipped = 0;
            Skip firstSkip = null;
            for (Row row = rows.next(); row != null; row = rows.next()) {
                List<String> cells = row.cells();
                if (cells.stream().allMatch(c -> c.isBlank())) {
                    continue; // a blank line, or ",,," as spreadsheets write below the data: not a row at all
                }
                dataRows++;
                double x = number(cells, xi);
                double y = number(cells, yi);
                String g = gi < 0 ? null : text(cells, gi);
                String badColumn = !Double.isFinite(x) ? names.get(xi)
                        : !Double.isFinite(y) ? names.get(yi)
                        : (gi >= 0 && g.isEmpty()) ? names.get(gi) : null;
                if (badColumn != null) {
                    skipped++;
                    if (firstSkip == null) {
                        int col = badColumn.equals(names.get(xi)) ? xi : badColumn.equals(names.get(yi)) ? yi : gi;
                        firstSkip = new Skip(row.line(), badColumn, text(cells, col));
                    }
                    continue;
                }
                xs.add(x);
                ys.add(y);
                if (groups != null) {
                    groups.add(g);
                }
            }
            if (xs.size() == 0) {
                if (dataRows == 0) {
                    throw new DataFileException(displayName, header.line(), null,
                            "the file has a header row but no data rows");
                }
                throw new DataFileException(displayName, firstSkip.line(), firstSkip.column(),
                        "none of the " + dataRows + " data rows has usable values; the first bad value is "
                                + firstSkip.describeValue() + " and x, y must be numbers");
            }
            return new PooledData(displayName, names.get(xi), names.get(yi), xs.toArray(), ys.toArray(),
                    gi < 0 ? null : names.get(gi), groups == null ? null : groups.toArray(String[]::new), skipped);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            throw new DataFileException(displayName, Math.max(line, 0), null,
                    "this is not valid CSV (" + firstSentence(e.getOriginalMessage()) + ")", e);
        } catch (IOException e) {
            throw new DataFileException(displayName, 0, null, "could not be read: " + e.getMessage(), e);
        }
    }

    /** The column names of a file's header row, for choosing x, y and group columns. */
    public static List<String> readHeader(Path file) {
        String name = file.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvParser parser = open(reader)) {
            Row header = new RowReader(parser, name).next();
            if (header == null) {
                throw new DataFileException(file.toString(), 1, null, "the file is empty; it needs a header row");
            }
            return cleanHeader(header.cells());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataFileException(name, at == null ? 0 : Math.max(at.getLineNr(), 0), null,
                    "this is not valid CSV (" + firstSentence(e.getOriginalMessage()) + ")", e);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file.toString(), 0, null, "no such file", e);
        } catch (IOException e) {
            throw new DataFileException(file.toString(), 0, null, "could not be read: " + e.getMessage(), e);
        }
    }

    private static CsvParser open(Reader reader) throws IOException {
        CsvParser parser = MAPPER.getFactory().createParser(reader);
        parser.enable(CsvParser.Feature.TRIM_SPACES);
        parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        return parser;
    }

    private record Row(int line, List<String> cells) { }

    private record Skip(int line, String column, String value) {
        String describeValue() {
            return value.isEmpty() ? "empty" : "\"" + value + "\"";
        }
    }

    /**
     * Reads records one by one, remembering where the current one starts, so that a broken quote (which the parser
     * only notices at the end of the file) is reported on the line and in the column where it opens.
     */
    private static final class RowReader {
        private final CsvParser parser;
        private final String displayName;
        private List<String> header = List.of();
        private int nextLine = 1;

        RowReader(CsvParser parser, String displayName) {
            this.parser = parser;
            this.displayName = displayName;
        }

        void header(List<String> names) {
            header = names;
        }

        /** The next record with the line it starts on, or null at the end of the file. */
        Row next() throws IOException {
            List<String> cells = new ArrayList<>();
            int line = nextLine;
            try {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    return null;
                }
                // without a schema each record is one array; its START_ARRAY carries the previous token's location,
                // so the record's line is taken from its first cell
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    if (cells.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    cells.add(parser.getText());
                }
                // the parser has already moved past the record's line break (and any blank lines after it), so
                // its location is the line the next record starts on; "+ 1" here put a broken quote that opens a
                // record one line too low
                nextLine = parser.currentLocation().getLineNr();
                return new Row(line, cells);
            } catch (JsonProcessingException e) {
                String column = cells.size() < header.size() ? header.get(cells.size()) : null;
                String why = e.getOriginalMessage() != null && e.getOriginalMessage().contains("closing quote")
                        ? "a quoted value starts here and its closing quote (\") is missing"
                        : "this is not valid CSV (" + firstSentence(e.getOriginalMessage()) + ")";
                throw new DataFileException(displayName, Math.max(line, 1), column, why, e);
            }
        }
    }

    private static List<String> cleanHeader(List<String> raw) {
        List<String> names = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String n = raw.get(i).trim();
            if (i == 0 && n.startsWith("\uFEFF")) {
                n = n.substring(1).trim(); // byte-order mark written by spreadsheet programs
            }
            names.add(n);
        }
        return names;
    }

    /** Exact match first, then a case-insensitive one, so "MPG" finds "mpg". */
    private static int columnIndex(List<String> names, String wanted, String displayName) {
        int i = names.indexOf(wanted.trim());
        if (i >= 0) {
            return i;
        }
        for (int k = 0; k < names.size(); k++) {
            if (names.get(k).equalsIgnoreCase(wanted.trim())) {
                return k;
            }
        }
        throw new DataFileException(displayName, 1, wanted,
                "there is no such column in the header row; the columns are " + String.join(", ", names));
    }

    private static String text(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index).trim() : "";
    }

    /** The cell as a finite number, or NaN when it is missing, not a number, or infinite. */
    private static double number(List<String> cells, int index) {
        String s = text(cells, index);
        if (s.isEmpty() || s.equalsIgnoreCase("na") || s.equalsIgnoreCase("null")) {
            return Double.NaN;
        }
        if (!DECIMAL.matcher(s).matches()) {
            return Double.NaN; // Java would also accept "NaN", "Infinity", "1f" and hex floats
        }
        double v = Double.parseDouble(s);
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl > 0 ? message.substring(0, nl) : message;
    }

    /** A growable double array, so large files do not box every value. */
    private static final class DoubleList {
        private double[] values = new double[256];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() { return size; }

        double[] toArray() { return java.util.Arrays.copyOf(values, size); }
    }
}
