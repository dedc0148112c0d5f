package org.fedstep.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.util.stream.Collectors;

/** The one Jackson set-up FedStep reads and writes JSON with, and plain-words messages for what it refuses. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Jackson's default turns 2.5 into 2 where a whole number belongs: "rounds": 2.5 ran 2 rounds and
            // "localEpochs": 1.5 ran 1 epoch without a word. Refuse it ("rounds cannot be 2.5: it must be a whole
            // number"). Files FedStep writes never have fractions there.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    static {
        // Jackson also turns "7" into 7 and 0/1 into false/true by default; a teacher who types a number in quotes or
        // 1 for true gets a message instead of a guess
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            MAPPER.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        MAPPER.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    private Json() { }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Describes a Jackson failure for a person: where (line, column, the setting's path) and what was wrong, without
     * Java class names.
     */
    public static String describe(JsonProcessingException e) {
        return describe(e, e.getLocation(), null);
    }

    /** @param found the refused value as written in the file (quoted if text), or null when not known */
    private static String describe(JsonProcessingException e, JsonLocation loc, String found) {
        StringBuilder where = new StringBuilder();
        if (loc != null && loc.getLineNr() > 0) {
            where.append("line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr()).append(": ");
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return where + "unknown setting \"" + path(u) + "\"" + (known.isEmpty() ? "" : "; known here: " + known);
        }
        if (e instanceof InvalidFormatException f) {
            return where + path(f) + " cannot be " + quote(f.getValue()) + ": it must be "
                    + typeName(f.getTargetType());
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return where + path(v) + ": " + v.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException m && m.getOriginalMessage() != null
                && m.getOriginalMessage().startsWith("Trailing token")) {
            // FAIL_ON_TRAILING_TOKENS: described below as "must be an object", which sent people looking in the
            // wrong place; Jackson gives no other way to tell this case than its message
            return where + "there is more after the end of the file's { ... }; a file holds one object";
        }
        if (e instanceof MismatchedInputException m) {
            String p = path(m);
            if (!p.isEmpty() && found != null) {
                // a refused coercion ("fast" or "7" in quotes for a number, 1 for true): say what was found
                return where + p + " cannot be " + found + ": it must be " + typeName(m.getTargetType());
            }
            return where + (p.isEmpty() ? "" : p + " ") + "must be " + typeName(m.getTargetType());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return where + path(m) + ": " + m.getOriginalMessage();
        }
        return where + "not valid JSON: " + firstLine(e.getOriginalMessage());
    }

    /**
     * Like {@link #describe(JsonProcessingException)}, given the text that was read. An unknown key inside an object
     * that Jackson builds through a constructor (every settings record) is reported only at the object's end, so
     * the line was that of the closing brace, not of the key; the key's own line and column are found in the text.
     */
    public static String describe(JsonProcessingException e, String source) {
        if (e instanceof UnrecognizedPropertyException u && source != null) {
            JsonLocation at = locate(source, pointer(u));
            if (at != null) {
                return describe(e, at, null);
            }
        }
        if (e instanceof MismatchedInputException m && source != null && !m.getPath().isEmpty()) {
            return describe(e, e.getLocation(), scalarAt(source, pointer(m)));
        }
        return describe(e);
    }

    private static JsonPointer pointer(JsonMappingException e) {
        JsonPointer p = JsonPointer.empty();
        for (JsonMappingException.Reference r : e.getPath()) {
            p = r.getFieldName() != null ? p.appendProperty(r.getFieldName()) : p.appendIndex(r.getIndex());
        }
        return p;
    }

    /** Where the key at this path starts in the text, or null when it cannot be found. */
    private static JsonLocation locate(String source, JsonPointer key) {
        try (JsonParser p = MAPPER.getFactory().createParser(source)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().equals(key)) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException ignored) {
            // the text is broken further on: the key was not found before that
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (java.util.List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list [ ... ]";
        }
        return "an object { ... }";
    }

    /** The plain value at this path in the text (quoted if text), or null when it is not a plain value. */
    private static String scalarAt(String source, JsonPointer path) {
        try (JsonParser p = MAPPER.getFactory().createParser(source)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isScalarValue() && p.getParsingContext().pathAsPointer().equals(path)) {
                    return t == JsonToken.VALUE_STRING ? quote(p.getText()) : p.getText();
                }
            }
        } catch (IOException ignored) {
            // broken further on
        }
        return null;
    }

    private static String quote(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
