package org.jxapi.storage.api;

/** Which storage interface generation a driver speaks. */
public enum SmapiVersion {
    SMAPIV1,
    SMAPIV2,
    SMAPIV3
}
