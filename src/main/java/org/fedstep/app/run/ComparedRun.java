package org.fedstep.app.run;

import org.fedstep.core.fl.RunTrace;

/**
 * A run drawn beside the student's (a lesson's "compare"): its name in the current language and what the engine
 * computed for it. The views draw it up to the round the student's run shows, so both move together.
 *
 * @param index its place among the compared runs, 0 to 2: it picks the dash pattern, the same in every view
 */
public record ComparedRun(int index, String label, RunTrace trace) { }
