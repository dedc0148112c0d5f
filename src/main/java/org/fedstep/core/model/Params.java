package org.fedstep.core.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.fedstep.core.random.Rng;

/**
 * The parameters of the model y_hat = b + w x + w_2 x^2 + ... + w_d x^d: a line (w slope, b intercept) for degree 1,
 * a polynomial curve for degree d. Also used for updates (deltas), server moments, SCAFFOLD control variates and
 * noise, which live in the same space. Immutable.
 * <p>
 * Coordinates are numbered in the order FedStep shows and sends them: 0 is w, 1 is b, then w_2 .. w_d. Arithmetic
 * between parameters of different sizes treats missing coordinates as zero (so {@link #ZERO} is the zero of every
 * size), and so does equality: (w, b) equals (w, b, 0).
 */
@JsonAutoDetect(getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"w", "b", "higher"})
public final class Params {

    public static final Params ZERO = new Params(0.0, 0.0);

    /** Coordinates in wire order: w, b, w_2, ..., w_d. At least two. */
    private final double[] v;

    public Params(double w, double b) {
        this.v = new double[] {w, b};
    }

    private Params(double[] wireOrder) {
        this.v = wireOrder;
    }

    @JsonCreator
    static Params fromJson(@JsonProperty("w") double w, @JsonProperty("b") double b,
                           @JsonProperty("higher") double[] higher) {
        if (higher == null || higher.length == 0) {
            return new Params(w, b);
        }
        double[] c = new double[2 + higher.length];
        c[0] = w;
        c[1] = b;
        System.arraycopy(higher, 0, c, 2, higher.length);
        return new Params(c);
    }

    /** The parameters with these coordinates in wire order (w, b, w_2, ...); at least two. */
    public static Params of(double... wireOrder) {
        if (wireOrder.length < 2) {
            throw new IllegalArgumentException("a model has at least two parameters (w, b); found "
                    + wireOrder.length);
        }
        return new Params(wireOrder.clone());
    }

    /** The polynomial with these coefficients by power: coefficients[j] multiplies x^j (so [b, w, w_2, ...]). */
    public static Params polynomial(double... coefficients) {
        double[] c = new double[Math.max(2, coefficients.length)];
        for (int j = 0; j < coefficients.length; j++) {
            c[indexOfPower(j)] = coefficients[j];
        }
        return new Params(c);
    }

    /** Zeros for a model of degree d: d + 1 coordinates. */
    public static Params zero(int size) {
        return filled(size, 0.0);
    }

    /** Every one of `size` coordinates equal to value. */
    public static Params filled(int size, double value) {
        double[] c = new double[Math.max(2, size)];
        Arrays.fill(c, value);
        return new Params(c);
    }

    /**
     * `size` independent draws of sd times a standard normal, in wire order (w first, then b, then w_2 ..), so that a
     * line's draws are the same whatever the size of later models.
     */
    public static Params gaussian(int size, double sd, Rng rng) {
        double[] c = new double[Math.max(2, size)];
        for (int i = 0; i < c.length; i++) {
            c[i] = sd * rng.nextGaussian();
        }
        return new Params(c);
    }

    /** The coordinate (wire order) of the coefficient of x^power: power 0 is b (1), power 1 is w (0). */
    public static int indexOfPower(int power) {
        return power == 0 ? 1 : power == 1 ? 0 : power;
    }

    /** The power of x that coordinate i multiplies. */
    public static int powerOfIndex(int i) {
        return indexOfPower(i); // the map swaps 0 and 1 and keeps the rest: it is its own inverse
    }

    /** The slope: the coefficient of x. */
    @JsonProperty("w")
    public double w() {
        return v[0];
    }

    /** The intercept: the constant term. */
    @JsonProperty("b")
    public double b() {
        return v[1];
    }

    /** w_2 .. w_d (empty for a line), for files. */
    @JsonProperty("higher")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    double[] higher() {
        return Arrays.copyOfRange(v, 2, v.length);
    }

    /** How many coordinates: d + 1 for degree d. */
    public int size() {
        return v.length;
    }

    /** The polynomial's degree d (1 for a line). */
    public int degree() {
        return v.length - 1;
    }

    /** Coordinate i in wire order (0 for w, 1 for b, i for w_i); zero past the end. */
    public double get(int i) {
        return i < v.length ? v[i] : 0.0;
    }

    /** The coefficient of x^power; zero past the degree. */
    public double coefficient(int power) {
        return get(indexOfPower(power));
    }

    /** The coordinates in wire order, as a fresh array. */
    public double[] toArray() {
        return v.clone();
    }

    /** The coordinates in wire order, as an array of at least `size` (padded with zeros). */
    public double[] toArray(int size) {
        return Arrays.copyOf(v, Math.max(size, v.length));
    }

    /** b + w x + w_2 x^2 + ... (Horner's rule). */
    public double valueAt(double x) {
        if (v.length == 2) {
            return v[0] * x + v[1];
        }
        double y = 0;
        for (int p = v.length - 1; p >= 0; p--) {
            y = y * x + v[indexOfPower(p)];
        }
        return y;
    }

    public Params plus(Params o) {
        return zip(o, Double::sum);
    }

    public Params minus(Params o) {
        return zip(o, (a, c) -> a - c);
    }

    public Params times(double s) {
        return map(a -> a * s);
    }

    /** f of every coordinate. */
    public Params map(DoubleUnaryOperator f) {
        double[] c = new double[v.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = f.applyAsDouble(v[i]);
        }
        return new Params(c);
    }

    /** f of this and o, coordinate by coordinate (missing coordinates are zero). */
    public Params zip(Params o, DoubleBinaryOperator f) {
        double[] c = new double[Math.max(v.length, o.v.length)];
        for (int i = 0; i < c.length; i++) {
            c[i] = f.applyAsDouble(get(i), o.get(i));
        }
        return new Params(c);
    }

    /** Euclidean norm: sqrt(w^2 + b^2 + w_2^2 + ...). */
    public double norm() {
        if (v.length == 2) {
            return Math.hypot(v[0], v[1]);
        }
        double s = 0;
        for (double c : v) {
            s += c * c;
        }
        return Math.sqrt(s);
    }

    public double distanceTo(Params o) {
        if (v.length == 2 && o.v.length == 2) {
            return Math.hypot(v[0] - o.v[0], v[1] - o.v[1]);
        }
        return minus(o).norm();
    }

    public boolean isFinite() {
        for (double c : v) {
            if (!Double.isFinite(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Params p)) {
            return false;
        }
        int n = Math.max(v.length, p.v.length);
        for (int i = 0; i < n; i++) {
            if (Double.compare(get(i), p.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int n = v.length;
        while (n > 2 && Double.compare(v[n - 1], 0.0) == 0) {
            n--; // trailing zeros do not count, as in equals
        }
        int h = 1;
        for (int i = 0; i < n; i++) {
            h = 31 * h + Double.hashCode(v[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("(w=").append(v[0]).append(", b=").append(v[1]);
        for (int i = 2; i < v.length; i++) {
            s.append(", w").append(i).append('=').append(v[i]);
        }
        return s.append(')').toString();
    }
}
