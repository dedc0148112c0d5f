package org.fedstep.io;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens an object graph (records, FedStep classes, arrays, lists) into path -> value, where every double is
 * written as the hex of Double.doubleToLongBits, so two graphs compare equal only when every double is bit for bit
 * the same (and every int, string and null too).
 */
public final class DoubleBits {

    private DoubleBits() { }

    public static Map<String, String> flatten(Object root) {
        Map<String, String> out = new LinkedHashMap<>();
        walk(root, "$", out, 0);
        return out;
    }

    /** How many of the flattened values are doubles: a guard that the walk really reached the numbers. */
    public static long doubleCount(Map<String, String> flat) {
        return flat.values().stream().filter(v -> v.startsWith("d:")).count();
    }

    private static void walk(Object o, String path, Map<String, String> out, int depth) {
        if (depth > 30) {
            throw new IllegalStateException("too deep at " + path);
        }
        if (o == null) {
            out.put(path, "null");
        } else if (o instanceof Double d) {
            out.put(path, "d:" + Long.toHexString(Double.doubleToLongBits(d)));
        } else if (o instanceof Float f) {
            out.put(path, "f:" + Integer.toHexString(Float.floatToIntBits(f)));
        } else if (o instanceof Number || o instanceof String || o instanceof Boolean || o instanceof Character
                || o instanceof Enum<?>) {
            out.put(path, o.getClass().getSimpleName() + ":" + o);
        } else if (o instanceof double[] a) {
            out.put(path + ".length", Integer.toString(a.length));
            for (int i = 0; i < a.length; i++) {
                walk(a[i], path + "[" + i + "]", out, depth + 1);
            }
        } else if (o.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(o);
            out.put(path + ".length", Integer.toString(n));
            for (int i = 0; i < n; i++) {
                walk(java.lang.reflect.Array.get(o, i), path + "[" + i + "]", out, depth + 1);
            }
        } else if (o instanceof Collection<?> c) {
            out.put(path + ".size", Integer.toString(c.size()));
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", out, depth + 1);
            }
        } else if (o instanceof Map<?, ?> m) {
            out.put(path + ".size", Integer.toString(m.size()));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getValue(), path + "{" + e.getKey() + "}", out, depth + 1);
            }
        } else if (o.getClass().isRecord()) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                try {
                    // the field, not the accessor: accessors may copy or hide (e.g. ClientData's arrays are cloned)
                    Field f = o.getClass().getDeclaredField(rc.getName());
                    f.setAccessible(true);
                    walk(f.get(o), path + "." + rc.getName(), out, depth + 1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(path + "." + rc.getName(), e);
                }
            }
        } else if (o.getClass().getName().startsWith("org.fedstep.")) {
            for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        walk(f.get(o), path + "." + f.getName(), out, depth + 1);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(path + "." + f.getName(), e);
                    }
                }
            }
        } else {
            throw new IllegalArgumentException("do not know how to flatten " + o.getClass() + " at " + path);
        }
    }
}
