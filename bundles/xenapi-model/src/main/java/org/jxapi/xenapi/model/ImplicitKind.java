package org.jxapi.xenapi.model;

/**
 * What a message does. Implicit messages are served generically over the database; their kind
 * and {@link MessageMeta#field()} say how. Explicit messages are implemented by services.
 */
public enum ImplicitKind {
    EXPLICIT,
    GET_FIELD, SET_FIELD,
    ADD_TO_MAP, REMOVE_FROM_MAP,
    ADD_TO_SET, REMOVE_FROM_SET,
    CREATE, DESTROY,
    GET_BY_UUID, GET_BY_NAME_LABEL,
    GET_RECORD, GET_ALL, GET_ALL_RECORDS, GET_ALL_RECORDS_WHERE
}
