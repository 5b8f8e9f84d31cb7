package dev.bazaar.order.domain;

import dev.bazaar.kit.problem.ProblemException;

/** 409: the order's state does not allow this; the detail says why. Nothing is appended. */
public class IllegalOrderTransition extends ProblemException.Conflict {
    public IllegalOrderTransition(String detail) {
        super("illegal-order-transition", detail);
    }
}
