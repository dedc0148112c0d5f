package org.fedstep.core.fl;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A moment of a run: a phase of a round. Round 0 with no phase is the start, before the first broadcast.
 * Positions are ordered: (0, -) < (1, BROADCAST) < ... < (1, UPDATE) < (2, BROADCAST) < ...
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Position(int round, Phase phase) implements Comparable<Position> {

    public static final Position START = new Position(0, null);

    public Position {
        if (round < 0 || (round == 0) != (phase == null)) {
            throw new IllegalArgumentException("no such position: round " + round + ", phase " + phase);
        }
    }

    @JsonIgnore
    public boolean isStart() {
        return round == 0;
    }

    /** The position one phase later. */
    public Position next() {
        if (round == 0 || phase == Phase.UPDATE) {
            return new Position(round + 1, Phase.BROADCAST);
        }
        return new Position(round, phase.next());
    }

    /** The position one phase earlier; START stays START. */
    public Position previous() {
        if (round == 0) {
            return this;
        }
        if (phase == Phase.BROADCAST) {
            return round == 1 ? START : new Position(round - 1, Phase.UPDATE);
        }
        return new Position(round, phase.previous());
    }

    /** A number that orders positions: 0 for the start, then 5 per round. */
    @JsonIgnore
    public int index() {
        return round == 0 ? 0 : (round - 1) * 5 + phase.number();
    }

    @Override
    public int compareTo(Position o) {
        return Integer.compare(index(), o.index());
    }

    @Override
    public String toString() {
        return round == 0 ? "start" : "round " + round + ", " + phase.key();
    }
}
