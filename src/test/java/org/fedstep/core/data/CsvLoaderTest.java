package org.fedstep.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvLoaderTest {

    @TempDir
    Path dir;

    private static PooledData load(String text, String x, String y, String group) {
        return CsvLoader.load("d.csv", new StringReader(text), x, y, group);
    }

    private static DataFileException fails(String text, String x, String y, String group) {
        try {
            PooledData d = load(text, x, y, group);
            throw new AssertionError("loading should have failed, gave " + d.size() + " rows");
        } catch (DataFileException e) {
            assertThat(e.file()).isEqualTo("d.csv");
            return e;
        }
    }

    /** The message is the file, the line (when known), the column (when known) and the problem, in that form. */
    private static void assertWhere(DataFileException e, int line, String column, String problem) {
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.column()).as("column").isEqualTo(column);
        assertThat(e.problem()).as("problem").isEqualTo(problem);
        assertThat(e.getMessage()).isEqualTo(e.file() + (line > 0 ? ", line " + line : "")
                + (column != null ? ", column \"" + column + "\"" : "") + ": " + problem);
    }

    // --- values ---

    @Test
    void readsTheChosenColumnsInRowOrder() {
        PooledData d = load("id,x,y,z\n1,0.5,2,9\n2,-3.25,1e3,9\n3,7,-0.125,9\n", "x", "y", null);
        assertThat(d.name()).isEqualTo("d.csv");
        assertThat(d.xLabel()).isEqualTo("x");
        assertThat(d.yLabel()).isEqualTo("y");
        assertThat(d.xs()).containsExactly(0.5, -3.25, 7.0);
        assertThat(d.ys()).containsExactly(2.0, 1000.0, -0.125);
        assertThat(d.hasGroups()).isFalse();
        assertThat(d.groupLabel()).isNull();
        assertThat(d.skippedRows()).isZero();
    }

    @Test
    void readsTheGroupColumn() {
        PooledData d = load("x,y,island\n1,2,Biscoe\n3,4,Dream\n5,6,Biscoe\n", "x", "y", "island");
        assertThat(d.groupLabel()).isEqualTo("island");
        assertThat(List.of(d.group(0), d.group(1), d.group(2))).containsExactly("Biscoe", "Dream", "Biscoe");
        assertThat(d.distinctGroups()).containsExactly("Biscoe", "Dream");
    }

    @Test
    void acceptsEveryPlainDecimalForm() {
        PooledData d = load("x,y\n+3,.5\n5.,1E3\n  2.5  ,-0\n007,1.5e-3\n", "x", "y", null);
        assertThat(d.xs()).containsExactly(3.0, 5.0, 2.5, 7.0);
        assertThat(d.ys()).containsExactly(0.5, 1000.0, -0.0, 0.0015);
        assertThat(Double.doubleToLongBits(d.y(2))).isEqualTo(Double.doubleToLongBits(-0.0));
        // the shortest decimal of a double reads back to that double exactly
        double third = 1.0 / 3;
        assertThat(load("x,y\n" + third + "," + Math.PI + "\n", "x", "y", null).x(0)).isEqualTo(third);
    }

    // --- rows that are skipped and counted ---

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "NaN", "nan", "Infinity", "-Infinity", "1f", "2d", "0x1p3", "1e400", "NA",
            "null", "1,5", "1 000", "--1", "1e", "."})
    void aRowWhoseXIsNotAFiniteDecimalNumberIsSkipped(String bad) {
        String cell = bad.contains(",") ? "\"" + bad + "\"" : bad;
        PooledData d = load("x,y\n1,10\n" + cell + ",20\n3,30\n", "x", "y", null);
        assertThat(d.xs()).containsExactly(1.0, 3.0);
        assertThat(d.ys()).containsExactly(10.0, 30.0);
        assertThat(d.skippedRows()).isEqualTo(1);
    }

    @Test
    void rowsWithMissingValuesOrNoGroupAreSkippedAndCounted() {
        String text = "x,y,g\n"
                + "1,10,A\n"
                + ",20,A\n"       // x empty
                + "3,,B\n"        // y empty
                + "4,40\n"        // group cell missing
                + "5,50,\n"       // group empty
                + "6,60,  \n"     // group blank
                + "7\n"           // short row
                + "8,abc,B\n"     // y not a number
                + "9,90,B\n";
        PooledData d = load(text, "x", "y", "g");
        assertThat(d.xs()).containsExactly(1.0, 9.0);
        assertThat(d.ys()).containsExactly(10.0, 90.0);
        assertThat(List.of(d.group(0), d.group(1))).containsExactly("A", "B");
        assertThat(d.skippedRows()).isEqualTo(7);

        // without a group column the rows with a missing group are fine
        PooledData noGroups = load(text, "x", "y", null);
        assertThat(noGroups.xs()).containsExactly(1.0, 4.0, 5.0, 6.0, 9.0);
        assertThat(noGroups.skippedRows()).isEqualTo(4);
    }

    @Test
    void blankLinesAndEmptySpreadsheetRowsAreNotRows() {
        PooledData d = load("x,y\n\n1,2\n,\n\n3,4\n,,\n", "x", "y", null);
        assertThat(d.xs()).containsExactly(1.0, 3.0);
        assertThat(d.skippedRows()).isZero();
    }

    // --- the CSV format ---

    @Test
    void quotedFieldsKeepTheirCommasQuotesAndLineBreaks() {
        String text = "name,x,y\n"
                + "\"Smith, J.\",1,2\n"
                + "\"say \"\"hi\"\"\",\"3.5\",4\n"
                + "\"two\nlines\",5,6\n";
        PooledData d = load(text, "x", "y", "name");
        assertThat(d.xs()).containsExactly(1.0, 3.5, 5.0);
        assertThat(d.ys()).containsExactly(2.0, 4.0, 6.0);
        assertThat(List.of(d.group(0), d.group(1), d.group(2))).containsExactly("Smith, J.", "say \"hi\"", "two\nlines");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() throws IOException {
        PooledData fromText = load("\uFEFFx,y\n1,2\n", "x", "y", null);
        assertThat(fromText.xLabel()).isEqualTo("x");
        assertThat(fromText.xs()).containsExactly(1.0);

        // as a spreadsheet writes it: the three BOM bytes, then UTF-8
        byte[] body = "x,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Path file = Files.write(dir.resolve("excel.csv"), bytes);
        assertThat(CsvLoader.readHeader(file)).containsExactly("x", "y");
        assertThat(CsvLoader.load(file, "x", "y", null).xs()).containsExactly(1.0, 3.0);
    }

    @Test
    void columnNamesMatchIgnoringCaseAndSurroundingSpaces() {
        PooledData d = load(" Weight_lbs , MPG \n3000,20\n", "weight_LBS", " mpg", null);
        assertThat(d.xLabel()).isEqualTo("Weight_lbs");
        assertThat(d.yLabel()).isEqualTo("MPG");
        assertThat(d.xs()).containsExactly(3000.0);
        // an exact match wins over a case-insensitive one
        assertThat(load("a,A\n1,2\n", "A", "a", null).xs()).containsExactly(2.0);
    }

    @Test
    void windowsLineEndingsAreRead() {
        PooledData d = load("x,y\r\n1,2\r\n3,4\r\n", "x", "y", null);
        assertThat(d.xs()).containsExactly(1.0, 3.0);
        assertThat(d.ys()).containsExactly(2.0, 4.0);
        // and lines are still counted right
        assertWhere(fails("x,y\r\n1,2a\r\nb,3\r\n", "x", "y", null), 2, "y",
                "none of the 2 data rows has usable values; the first bad value is \"2a\" and x, y must be numbers");
    }

    // --- files that cannot be used ---

    @Test
    void aMissingColumnIsNamedOnLineOneWithTheColumnsThereAre() {
        DataFileException e = fails("x,y,island\n1,2,A\n", "flipper", "y", null);
        assertWhere(e, 1, "flipper", "there is no such column in the header row; the columns are x, y, island");
        DataFileException group = fails("x,y\n1,2\n", "x", "y", "island");
        assertWhere(group, 1, "island", "there is no such column in the header row; the columns are x, y");
    }

    @Test
    void aFileWithOnlyAHeaderIsRefused() {
        assertWhere(fails("x,y\n", "x", "y", null), 1, null, "the file has a header row but no data rows");
        assertWhere(fails("x,y", "x", "y", null), 1, null, "the file has a header row but no data rows");
        assertWhere(fails("x,y\n\n\n,\n", "x", "y", null), 1, null, "the file has a header row but no data rows");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertWhere(fails("", "x", "y", null), 1, null, "the file is empty; it needs a header row");
    }

    @Test
    void aFileWithNoUsableRowNamesTheLineAndColumnOfTheFirstBadValue() {
        String text = "x,y,g\n"
                + "\n"          // line 2: blank, not a row
                + "1,abc,A\n"   // line 3: y is the first bad value
                + ",2,A\n";     // line 4
        assertWhere(fails(text, "x", "y", "g"), 3, "y",
                "none of the 2 data rows has usable values; the first bad value is \"abc\" and x, y must be numbers");
        assertWhere(fails("x,y\n,1\n", "x", "y", null), 2, "x",
                "none of the 1 data rows has usable values; the first bad value is empty and x, y must be numbers");
        assertWhere(fails("x,y,g\n1,2,\n", "x", "y", "g"), 2, "g",
                "none of the 1 data rows has usable values; the first bad value is empty and x, y must be numbers");
        // a record spanning lines is reported where it starts
        assertWhere(fails("name,x,y\n\"two\nlines\",NaN,2\n", "x", "y", "name"), 2, "x",
                "none of the 1 data rows has usable values; the first bad value is \"NaN\" and x, y must be numbers");
    }

    @Test
    void anUnterminatedQuoteNamesTheFileAndTheLineWhereItOpens() {
        DataFileException e = fails("x,y\n1,2\n\"3,4\n5,6\n7,8\n", "x", "y", null);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("x");
        assertThat(e.getMessage()).startsWith("d.csv, line 3, column \"x\": ").contains("closing quote");

        DataFileException inY = fails("x,y\n1,2\n3,\"4\n", "x", "y", null);
        assertThat(inY.line()).isEqualTo(3);
        assertThat(inY.column()).isEqualTo("y");
    }

    /** A quote opening the first cell of a record: the line is where the record starts, after any blank lines. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "x,y\\n\"1,2\\n                       | 2",
            "x,y\\n1,2\\n\"3,4\\n5,6\\n            | 3",
            "x,y\\r\\n1,2\\r\\n\"3,4\\r\\n5,6\\r\\n   | 3",
            "x,y\\n1,2\\n\\n\\n\"3,4\\n5,6\\n        | 5",
            "x,y\\n1,2\\n,\\n\"3,4\\n5,6\\n         | 4",
            "x,y\\n\"a\\nb\",2\\n\"3,4\\n5,6\\n      | 4",
            "x,y\\n1,2\\n3,4\\n5,6\\n\"7,8\\n       | 5",
    })
    void anUnterminatedQuoteAtTheStartOfARecordNamesItsLine(String escaped, int line) {
        String text = escaped.replace("\\r", "\r").replace("\\n", "\n");
        DataFileException e = fails(text, "x", "y", null);
        assertWhere(e, line, "x", "a quoted value starts here and its closing quote (\") is missing");
    }

    @Test
    void anUnterminatedQuoteInTheHeaderIsRefused() throws IOException {
        DataFileException e = fails("\"x,y\n1,2\n", "x", "y", null);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith("d.csv, line 1").contains("closing quote");
        Path file = Files.writeString(dir.resolve("broken.csv"), "x,\"y\n1,2\n");
        try {
            CsvLoader.readHeader(file);
            throw new AssertionError("should have failed");
        } catch (DataFileException h) {
            assertThat(h.file()).isEqualTo("broken.csv");
            assertThat(h.line()).isEqualTo(1);
        }
    }

    @Test
    void xAndYColumnsMustBeChosen() {
        assertWhere(fails("x,y\n1,2\n", null, "y", null), 0, null, "choose an x column and a y column");
    }

    // --- files ---

    @Test
    void aFileIsNamedByItsFileName() throws IOException {
        Path file = Files.writeString(dir.resolve("cars.csv"), "weight,mpg,origin\n3504,18,usa\n1835,,japan\n2372,24,japan\n");
        PooledData d = CsvLoader.load(file, "weight", "mpg", "origin");
        assertThat(d.name()).isEqualTo("cars.csv");
        assertThat(d.xs()).containsExactly(3504.0, 2372.0);
        assertThat(d.ys()).containsExactly(18.0, 24.0);
        assertThat(d.skippedRows()).isEqualTo(1);
        assertThat(CsvLoader.readHeader(file)).containsExactly("weight", "mpg", "origin");

        try {
            CsvLoader.load(file, "weight", "hp", null);
            throw new AssertionError("should have failed");
        } catch (DataFileException e) {
            assertWhere(e, 1, "hp", "there is no such column in the header row; the columns are weight, mpg, origin");
            assertThat(e.file()).isEqualTo("cars.csv");
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("absent.csv");
        for (Runnable r : List.<Runnable>of(() -> CsvLoader.load(file, "x", "y", null),
                () -> CsvLoader.readHeader(file))) {
            try {
                r.run();
                throw new AssertionError("should have failed");
            } catch (DataFileException e) {
                assertThat(e.file()).isEqualTo(file.toString());
                assertWhere(e, 0, null, "no such file");
            }
        }
    }

    @Test
    void readHeaderTrimsNamesAndRefusesAnEmptyFile() throws IOException {
        Path file = Files.writeString(dir.resolve("h.csv"), " a ,\"b, c\",d\n1,2,3\n");
        assertThat(CsvLoader.readHeader(file)).containsExactly("a", "b, c", "d");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        try {
            CsvLoader.readHeader(empty);
            throw new AssertionError("should have failed");
        } catch (DataFileException e) {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.problem()).isEqualTo("the file is empty; it needs a header row");
        }
    }
}
