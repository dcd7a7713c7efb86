package org.jxapi.db.impl;

/**
 * Two fields that mirror each other. One-to-many: {@code manyClass.manyField} is a single
 * reference (VBD.VM) and {@code oneClass.setField} the set of objects pointing there (VM.VBDs).
 * Many-to-many: both fields are sets ({@code manyField} then names the set on the other side).
 */
record Relation(String oneClass, String setField, String manyClass, String manyField, boolean manyToMany) {
    @Override
    public String toString() {
        return oneClass + "." + setField + (manyToMany ? " <-> " : " <- ") + manyClass + "." + manyField;
    }
}
