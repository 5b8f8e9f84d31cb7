package dev.bazaar.order.domain;

/** Why a buyer sends items back (the return form's choices); anything said in free text is OTHER with a comment. */
public enum ReturnReason {
    DAMAGED,
    NOT_AS_DESCRIBED,
    WRONG_ITEM,
    NO_LONGER_NEEDED,
    OTHER
}
