package dev.bazaar.catalog.domain;

import dev.bazaar.kit.problem.ProblemException;

/** A state change the rules forbid (409 with the reason). */
public class IllegalTransition extends ProblemException.Conflict {

    public IllegalTransition(String detail) {
        super("illegal-transition", detail);
    }
}
