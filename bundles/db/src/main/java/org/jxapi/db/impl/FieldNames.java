package org.jxapi.db.impl;

import java.util.List;
import java.util.Map;

/**
 * Column names in {@code state.db}. The original names a field inside a namespace by joining the
 * parts with a double underscore ({@code name__label}, {@code memory__static_max}); the model's
 * flat names join them with one. The model does not record namespaces, so the ones the original
 * uses are stated here; reading accepts either spelling.
 */
final class FieldNames {
    /** Namespaces used by every class. */
    private static final List<String> COMMON = List.of("name_label", "name_description");
    /** Class to the prefixes that are namespaces in it. */
    private static final Map<String, List<String>> NAMESPACES = Map.of(
            "VM", List.of("memory_", "VCPUs_", "actions_", "PV_", "HVM_"),
            "VM_metrics", List.of("memory_", "VCPUs_"),
            "host", List.of("API_version_"),
            "host_metrics", List.of("memory_"));

    private FieldNames() {
    }

    static String toColumn(String className, String field) {
        if (COMMON.contains(field)) {
            return "name__" + field.substring(5);
        }
        for (String prefix : NAMESPACES.getOrDefault(className, List.of())) {
            if (field.startsWith(prefix) && field.length() > prefix.length()) {
                return prefix + "_" + field.substring(prefix.length());
            }
        }
        return field;
    }

    /** The model's name of a column: the namespace separator becomes a single underscore. */
    static String toField(String column) {
        return column.replace("__", "_");
    }
}
