package org.jxapi.db.impl;

/** Journal operation codes. */
final class Op {
    static final byte CREATE = 1;
    static final byte SET = 2;
    static final byte ADD_TO_MAP = 3;
    static final byte REMOVE_FROM_MAP = 4;
    static final byte ADD_TO_SET = 5;
    static final byte REMOVE_FROM_SET = 6;
    static final byte DESTROY = 7;
    static final byte TOUCH = 8;

    private Op() {
    }
}
